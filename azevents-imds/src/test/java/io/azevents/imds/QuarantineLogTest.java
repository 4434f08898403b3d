package io.azevents.imds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azevents.core.QuarantinedEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuarantineLogTest {
    final List<String> warnings = new ArrayList<>();
    final Logger logger = new Logger() {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            warnings.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            warnings.add(level + " " + format);
        }
    };

    static QuarantinedEvent q(String id, String reason) {
        return new QuarantinedEvent(id, List.of("vm1"), reason);
    }

    @Test
    @DisplayName("once per (id, reason): the same pair again is not logged, another reason or id is")
    void oncePerPair() {
        QuarantineLog log = new QuarantineLog(() -> logger, 10);

        assertThat(log.report(List.of(q("'a'", "r1"), q("'a'", "r1")))).isEqualTo(1);
        assertThat(log.report(List.of(q("'a'", "r1")))).isZero();
        assertThat(log.report(List.of(q("'a'", "r2"), q("'b'", "r1")))).isEqualTo(2);

        assertThat(warnings).hasSize(3).allMatch(w -> w.startsWith("WARNING IMDS scheduled event '"));
        assertThat(warnings.get(0)).isEqualTo("WARNING IMDS scheduled event 'a' is quarantined (never acted on, "
                + "never approved; the document's other events are used): r1; its valid resources: vm1");
    }

    @Test
    @DisplayName("bounded: the pair seen least recently is forgotten first and logged again if it returns")
    void bounded() {
        QuarantineLog log = new QuarantineLog(() -> logger, 2);

        log.report(List.of(q("'a'", "r"), q("'b'", "r")));
        log.report(List.of(q("'a'", "r")));        // a is now the most recent
        log.report(List.of(q("'c'", "r")));        // b is forgotten
        assertThat(log.remembered()).isEqualTo(2);
        assertThat(log.report(List.of(q("'a'", "r")))).isZero();
        assertThat(log.report(List.of(q("'b'", "r")))).isEqualTo(1);

        for (int i = 0; i < 1000; i++) {
            log.report(List.of(q("'x" + i + "'", "r")));
        }
        assertThat(log.remembered()).isEqualTo(2);
    }

    @Test
    @DisplayName("a document with more quarantined events than remembered: the rest counted in one line, once")
    void overflow() {
        QuarantineLog log = new QuarantineLog(() -> logger, 3);
        List<QuarantinedEvent> many = java.util.stream.IntStream.range(0, 10).mapToObj(i -> q("'" + i + "'", "r")).toList();

        assertThat(log.report(many)).isEqualTo(4);
        assertThat(log.report(many)).isZero();
        assertThat(log.report(many.subList(0, 9))).isEqualTo(1);

        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(3)).isEqualTo("WARNING IMDS scheduled events: 7 more quarantined events, beyond the "
                + "first 3, are not logged one by one");
        assertThat(warnings.get(4)).contains(" 6 more quarantined events");
    }

    @Test
    @DisplayName("an event with no valid resource says so")
    void noResources() {
        new QuarantineLog(() -> logger, 1).report(List.of(new QuarantinedEvent("unknown", List.of(), "Events[0] x")));
        assertThat(warnings).singleElement().asString().endsWith("Events[0] x; no valid VM name among its resources");
    }

    @Test
    void capacityAtLeastOne() {
        assertThatThrownBy(() -> new QuarantineLog(() -> logger, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
