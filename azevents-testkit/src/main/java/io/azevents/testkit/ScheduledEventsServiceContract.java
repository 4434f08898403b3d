package io.azevents.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.EventInitiator;
import io.azevents.core.EventStatus;
import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import io.azevents.core.ScheduledEventsService;
import io.azevents.core.ScheduledEventsDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ScheduledEventsService}. An adapter's test extends this class and returns a
 * {@link Fixture}: the source under test for one VM, plus a way to make "Azure" publish and remove
 * events and to see what it was asked to approve.
 */
public abstract class ScheduledEventsServiceContract {

    /** The source under test and the Azure behind it. */
    public interface Fixture extends AutoCloseable {
        /**
         * The source under test, for VM {@link ScheduledEventsServiceContract#VM}. The tests call
         * it several times and expect the same source (or one over the same Azure) each time.
         *
         * @return the source under test
         */
        ScheduledEventsService source();

        /**
         * Azure adds {@code event}, or replaces the event with its id, and raises its incarnation,
         * so that the source's next fetch reads it with every field.
         *
         * @param event the event as Azure should publish it; the tests' events name
         *              {@link ScheduledEventsServiceContract#VM}
         */
        void publish(ScheduledEvent event);

        /**
         * Azure removes the event (it finished or was cancelled) and raises its incarnation.
         *
         * @param eventId the id of an event published before
         */
        void remove(String eventId);

        /**
         * The ids Azure has been asked to start through the source, over all approvals so far.
         *
         * @return the ids, in any order; empty if nothing was approved (approving an empty set
         *     must send nothing)
         */
        Set<String> approvedIds();

        @Override
        default void close() {
        }
    }

    /** The VM the fixture's source speaks for. */
    public static final String VM = "vm-contract-1";
    static final String ID_1 = "0c3a4c4d-1111-4a4a-9b9b-0123456789ab";
    static final String ID_2 = "0c3a4c4d-2222-4a4a-9b9b-0123456789ab";

    /**
     * Creates a fixture whose Azure has no events; called before each test, and the fixture is
     * closed after it.
     *
     * @return a new fixture
     * @throws Exception if the fixture cannot be set up (for example, a simulator cannot start); the
     *                   test then fails
     */
    protected abstract Fixture createFixture() throws Exception;

    private Fixture fixture;

    @BeforeEach
    void openFixture() throws Exception {
        fixture = createFixture();
    }

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    private static ScheduledEvent reboot(String id) {
        return new ScheduledEvent(id, EventType.REBOOT, EventStatus.SCHEDULED, "VirtualMachine", List.of(VM),
                Optional.of(Instant.parse("2026-03-01T10:15:00Z")), "Virtual machine is going to be restarted",
                EventInitiator.USER, 15, Map.of());
    }

    @Nested
    @DisplayName("reading the document")
    class Reading {
        @Test
        @DisplayName("an Azure with no events gives an empty document")
        void empty() {
            assertThat(fixture.source().fetch().events()).isEmpty();
        }

        @Test
        @DisplayName("a published event is read back with every field")
        void everyField() {
            ScheduledEvent e = reboot(ID_1);
            fixture.publish(e);

            ScheduledEvent read = fixture.source().fetch().events().get(0);

            assertThat(read.id()).isEqualTo(ID_1);
            assertThat(read.type()).isEqualTo(EventType.REBOOT);
            assertThat(read.status()).isEqualTo(EventStatus.SCHEDULED);
            assertThat(read.resources()).containsExactly(VM);
            assertThat(read.notBefore()).contains(Instant.parse("2026-03-01T10:15:00Z"));
            assertThat(read.description()).isEqualTo("Virtual machine is going to be restarted");
            assertThat(read.initiator()).isEqualTo(EventInitiator.USER);
            assertThat(read.durationSeconds()).isEqualTo(15);
        }

        @Test
        @DisplayName("an event type nobody knows yet is carried, not refused")
        void unknownType() {
            fixture.publish(new ScheduledEvent(ID_1, new EventType("LiveMigrate"), new EventStatus("Pending"),
                    "VirtualMachine", List.of(VM), Optional.empty(), "", EventInitiator.PLATFORM, -1, Map.of()));

            ScheduledEvent read = fixture.source().fetch().events().get(0);

            assertThat(read.type().value()).isEqualTo("LiveMigrate");
            assertThat(read.type().isKnown()).isFalse();
            assertThat(read.status().value()).isEqualTo("Pending");
        }

        @Test
        @DisplayName("the incarnation rises when the events change and the event disappears when it ends")
        void incarnation() {
            long first = fixture.source().fetch().incarnation();
            fixture.publish(reboot(ID_1));
            ScheduledEventsDocument withEvent = fixture.source().fetch();
            fixture.remove(ID_1);
            ScheduledEventsDocument after = fixture.source().fetch();

            assertThat(withEvent.incarnation()).isGreaterThan(first);
            assertThat(after.incarnation()).isGreaterThan(withEvent.incarnation());
            assertThat(after.events()).isEmpty();
        }

        @Test
        @DisplayName("reading twice without a change gives the same incarnation")
        void stable() {
            fixture.publish(reboot(ID_1));
            assertThat(fixture.source().fetch().incarnation()).isEqualTo(fixture.source().fetch().incarnation());
        }
    }

    @Nested
    @DisplayName("approving events")
    class Approving {
        @Test
        @DisplayName("an approved event reaches Azure and is then reported as Started")
        void approve() {
            fixture.publish(reboot(ID_1));
            fixture.publish(reboot(ID_2));

            fixture.source().approve(Set.of(ID_1));

            assertThat(fixture.approvedIds()).containsExactly(ID_1);
            ScheduledEventsDocument doc = fixture.source().fetch();
            assertThat(doc.events()).filteredOn(e -> e.id().equals(ID_1)).allMatch(ScheduledEvent::isStarted);
            assertThat(doc.events()).filteredOn(e -> e.id().equals(ID_2)).noneMatch(ScheduledEvent::isStarted);
        }

        @Test
        @DisplayName("approving nothing sends nothing")
        void nothing() {
            fixture.source().approve(Set.of());
            assertThat(fixture.approvedIds()).isEmpty();
        }
    }

    @Nested
    @DisplayName("identity")
    class Identity {
        @Test
        @DisplayName("the VM name is the one Azure lists in Resources")
        void vmName() {
            assertThat(fixture.source().vmName()).isEqualTo(VM);
        }
    }
}
