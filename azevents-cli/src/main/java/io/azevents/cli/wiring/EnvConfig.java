package io.azevents.cli.wiring;

import io.azevents.cli.history.HistoryFiles;
import io.azevents.core.AgentConfig;
import io.azevents.core.ConfigException;
import io.azevents.core.Names;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's configuration from {@code OCF_RESKEY_*} (or any map of the same shape), with the
 * agent's default strategy when {@code strategy} is unset, and the keys only the OCF agent has.
 */
public final class EnvConfig implements AgentConfig {
    static final String DEFAULT_IMDS = "http://169.254.169.254";
    /** How long failing cycles are tolerated, in seconds. */
    public static final String OUTAGE_TOLERANCE = "imds_outage_tolerance";
    /** The IMDS base URL (tests and the simulator only). */
    public static final String IMDS_URL = "imds_url";
    /** Shadow mode: decide, write and approve nothing. */
    public static final String OBSERVE_ONLY = "observe_only";
    /** node_exporter's textfile directory. */
    public static final String METRICS_TEXTFILE_DIR = "metrics_textfile_dir";
    private final Map<String, String> env;
    private final String defaultStrategy;

    public EnvConfig(Map<String, String> env, String defaultStrategy) {
        this.env = Map.copyOf(env);
        this.defaultStrategy = defaultStrategy;
    }

    /** The whole environment this configuration reads (for the plugin directory, see {@link Plugins}). */
    Map<String, String> environment() {
        return env;
    }

    @Override
    public Optional<String> get(String key) {
        String v = env.get("OCF_RESKEY_" + key);
        if ((v == null || v.isBlank()) && key.equals(STRATEGY)) {
            return Optional.of(defaultStrategy);
        }
        return Optional.ofNullable(v).filter(s -> !s.isBlank());
    }

    /**
     * The directory where the agent instance of {@code env} keeps its files ({@code HA_RSCTMP}, else
     * {@code /run/resource-agents}): its state file and the IMDS adapter's caches.
     */
    public static Path stateDirectory(Map<String, String> env) {
        return Path.of(env.getOrDefault("HA_RSCTMP", "/run/resource-agents"));
    }

    /** How long failing cycles are only logged before the monitor fails; default 300 s. */
    public Duration outageTolerance() {
        return Duration.ofSeconds(integer(OUTAGE_TOLERANCE, 300, 0, 86_400));
    }

    /** The IMDS base URL: the real address, or loopback for tests and the simulator. */
    public URI imdsUrl() {
        String raw = get(IMDS_URL).orElse(DEFAULT_IMDS).trim();
        URI u;
        try {
            u = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(IMDS_URL + ": not a URL: " + Names.quote(raw)));
        }
        String host = u.getHost();
        boolean allowed = "http".equals(u.getScheme()) && host != null && (host.equals("169.254.169.254")
                || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"));
        if (!allowed || u.getRawQuery() != null || u.getRawUserInfo() != null) {
            throw new ConfigException(List.of(IMDS_URL + ": " + Names.quote(raw)
                    + " is not allowed; use http://169.254.169.254 (or a loopback address for the simulator)"));
        }
        return u;
    }

    /** The deadline of one cycle: the operation's timeout less a margin to report in time. */
    public Duration cycleDeadline() {
        String ms = env.get("OCF_RESKEY_CRM_meta_timeout");
        long timeout = 60_000;
        if (ms != null) {
            try {
                timeout = Long.parseLong(ms.trim());
            } catch (NumberFormatException e) {
                // Pacemaker always passes milliseconds; anything else keeps the default.
            }
        }
        return Duration.ofMillis(Math.max(1_000, timeout - Math.min(5_000, timeout / 4)));
    }

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>(AgentConfig.super.problems());
        try {
            outageTolerance();
        } catch (ConfigException e) {
            p.addAll(e.problems());
        }
        try {
            imdsUrl();
        } catch (ConfigException e) {
            p.addAll(e.problems());
        }
        p.addAll(operationsProblems(this));
        return p;
    }

    /** The parameters' problems: {@code observe_only} a boolean, the textfile directory absolute. */
    private static List<String> operationsProblems(EnvConfig config) {
        List<String> p = new java.util.ArrayList<>();
        config.get(OBSERVE_ONLY).map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !List.of("true", "false",
                "yes", "no", "on", "off", "y", "n", "1", "0").contains(v))
                .ifPresent(v -> p.add(OBSERVE_ONLY + ": not a boolean: " + io.azevents.core.Names.quote(v)));
        config.get(METRICS_TEXTFILE_DIR).map(String::trim).filter(d -> !Path.of(d).isAbsolute())
                .ifPresent(d -> p.add(METRICS_TEXTFILE_DIR + ": not an absolute path: " + io.azevents.core.Names.quote(d)));
        config.get(HistoryFiles.PARAMETER).map(String::trim).filter(d -> !Path.of(d).isAbsolute())
                .ifPresent(d -> p.add(HistoryFiles.PARAMETER + ": not an absolute path: " + io.azevents.core.Names.quote(d)));
        return p;
    }
}
