package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.simulation.Fault;
import io.azevents.simulation.ImdsSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VM name is read from IMDS once and cached where the agent keeps its state. */
class VmNameCacheTest {
    static final String INSTANCE = "/metadata/instance";
    @TempDir
    Path dir;
    Path cache;
    ImdsSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = ImdsSimulator.start("vm-cache-1");
        cache = dir.resolve("azevents-vmname");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    ImdsScheduledEventsService source() {
        return new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl()).retryCount(0)
                .requestTimeout(Duration.ofSeconds(5)).vmNameCache(cache).build());
    }

    @Test
    @DisplayName("the name is cached in a file only its owner can read, and the next JVM reuses it")
    void cachedAcrossInstances() throws Exception {
        assertThat(source().vmName()).isEqualTo("vm-cache-1");
        assertThat(source().vmName()).isEqualTo("vm-cache-1");

        assertThat(sim.requests(INSTANCE)).hasSize(1);
        assertThat(Files.readString(cache).trim()).isEqualTo("vm-cache-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(cache);
        }
    }

    @Test
    @DisplayName("refreshVmName asks IMDS again and replaces the cached name")
    void refresh() throws Exception {
        ImdsScheduledEventsService src = source();
        src.vmName();
        sim.setVmName("vm-cache-2");

        assertThat(src.vmName()).isEqualTo("vm-cache-1");
        assertThat(src.refreshVmName()).isEqualTo("vm-cache-2");
        assertThat(src.vmName()).isEqualTo("vm-cache-2");
        assertThat(source().vmName()).isEqualTo("vm-cache-2");
        assertThat(Files.readString(cache).trim()).isEqualTo("vm-cache-2");
        assertThat(sim.requests(INSTANCE)).hasSize(2);
    }

    @Test
    @DisplayName("a cache file holding something that is not a VM name is ignored and rewritten")
    void damagedFile() throws Exception {
        Files.writeString(cache, "node1,node2\n");

        assertThat(source().vmName()).isEqualTo("vm-cache-1");
        assertThat(Files.readString(cache).trim()).isEqualTo("vm-cache-1");
        assertThat(sim.requests(INSTANCE)).hasSize(1);
    }

    @Test
    @DisplayName("without a cache file the name is kept in memory")
    void inMemory() {
        ImdsScheduledEventsService src = new ImdsScheduledEventsService(ImdsConfig.builder().baseUrl(sim.baseUrl()).build());
        src.vmName();
        src.vmName();
        assertThat(sim.requests(INSTANCE)).hasSize(1);
    }

    @Test
    @DisplayName("a compute.name that is not a valid VM name is refused and not cached")
    void hostileName() throws Exception {
        sim.failNext(Fault.body("application/json", "{\"compute\":{\"name\":\"vm;reboot\"}}"));

        assertThatThrownBy(() -> source().vmName()).isInstanceOf(ImdsDocumentException.class)
                .hasMessageContaining("field compute.name is not a valid VM name").hasMessageContaining("'vm;reboot'");
        assertThat(cache).doesNotExist();
    }

    @Test
    @DisplayName("an instance document without compute.name is refused")
    void missingName() {
        sim.failNext(Fault.body("application/json", "{\"compute\":{\"location\":\"x\"},\"network\":{}}"));

        assertThatThrownBy(() -> source().vmName()).isInstanceOf(ImdsDocumentException.class)
                .hasMessageContaining("field compute.name is missing");
    }
}
