package io.azevents.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.azevents.core.AttributeUpdate;
import io.azevents.core.ClusterNode;
import io.azevents.core.ClusterView;
import io.azevents.core.DrainForecast;
import io.azevents.core.Placement;
import io.azevents.simulation.CibShapes;
import io.azevents.simulation.InMemoryCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated-shapes suite: {@link CibShapes} CIBs, checked by Pacemaker's own tools, and the
 * in-memory model compared with Pacemaker on each. For every seed:
 * <ol>
 *   <li>{@code crm_verify} accepts the generated CIB without a word;</li>
 *   <li>{@code crm_simulate -S}, run until it schedules nothing, settles it;</li>
 *   <li><b>status</b>: {@link InMemoryCluster#fromCib} of the settled CIB reads every node's
 *       online/standby/maintenance/unclean/shutdown/kind and running resources, and the promoted
 *       instances, as {@code crm_mon} reports them; again after a member is lost (unclean);</li>
 *   <li><b>placement</b>: the model settles the unsettled CIB itself and runs the same resources,
 *       with the same number of instances and promotions, as Pacemaker (the exact node of a tie may
 *       differ, and is only counted);</li>
 *   <li><b>forecast</b>: the model's {@code forecastDrain} of {@code #health-azure=-1000000} (az-health's
 *       drain) on one member, and of {@code standby=on} (legacy's) on another, strands the same
 *       resources, stops the agent there or not, and leaves as many instances of each resource, as
 *       {@code crm_simulate} does on the settled CIB with that attribute written.</li>
 * </ol>
 */
@DisplayName("generated CIB shapes: Pacemaker accepts them and the in-memory model agrees with it")
class CibShapesPacemakerTest {
    /** Seeds checked; {@code -Dazevents.model.seeds=N} changes it (CI: 30; the soak in benchmark/run.sh: 200) (each takes about a second of tool runs). */
    static final int SEEDS = Integer.getInteger("azevents.model.seeds", 30);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Requirements.requireTools("crm_simulate", "crm_verify", "crm_mon");
    }

    /** What one seed gave: a verdict per check, and what disagreed. */
    private record Outcome(boolean verified, boolean status, boolean lost, boolean placement, boolean exact,
                           boolean forecast, boolean forecastExact, List<String> complaints, List<String> disagreements, List<String> ties) {
    }

    @Test
    @DisplayName("generated seeds: crm_verify accepts each, and the model agrees with crm_simulate and crm_mon")
    void generatedShapes() throws Exception {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (CibShapes.Shape shape : CibShapes.generate(1, SEEDS)) {
                futures.add(pool.submit(() -> check(shape)));
            }
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> complaints = outcomes.stream().flatMap(o -> o.complaints().stream()).toList();
        List<String> disagreements = outcomes.stream().flatMap(o -> o.disagreements().stream()).toList();
        String report = "generated CIB shapes, seeds 1.." + SEEDS + ":\n"
                + "  accepted by crm_verify without a word: " + count(outcomes, Outcome::verified) + "/" + SEEDS + "\n"
                + "  status agreed with crm_mon: " + count(outcomes, Outcome::status) + "/" + SEEDS + "\n"
                + "  status with a lost (unclean) member agreed: " + count(outcomes, Outcome::lost) + "/" + SEEDS + "\n"
                + "  model's own placement agreed (resources, instances, promotions): "
                + count(outcomes, Outcome::placement) + "/" + SEEDS + "\n"
                + "  ... of which on exactly the same nodes: " + count(outcomes, Outcome::exact) + "/" + SEEDS + "\n"
                + "  drain forecasts agreed (#health-azure=-1000000 and standby=on; stranded, agent stopped, "
                + "instances): " + count(outcomes, Outcome::forecast) + "/" + SEEDS + "\n"
                + "  ... of which on exactly the same nodes: " + count(outcomes, Outcome::forecastExact) + "/" + SEEDS
                + "\n";
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "cib-shapes-report.txt"), report + "\n"
                + String.join("\n", complaints) + "\n" + String.join("\n", disagreements) + "\n"
                + "\nsame resources and instances, other nodes (ties broken otherwise; informative):\n"
                + String.join("\n", outcomes.stream().flatMap(o -> o.ties().stream()).toList()) + "\n");
        assertThat(complaints).as("crm_verify complaints").isEmpty();
        assertThat(disagreements).as("where the model disagrees with Pacemaker").isEmpty();
    }

    private static long count(List<Outcome> outcomes, java.util.function.Predicate<Outcome> p) {
        return outcomes.stream().filter(p).count();
    }

    private Outcome check(CibShapes.Shape shape) {
        List<String> complaints = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        Path generated = dir.resolve("shape-" + shape.seed() + ".xml");
        PacemakerTools.write(generated, shape.xml());
        String said = PacemakerTools.verify(generated);
        if (!said.isEmpty()) {
            complaints.add(shape + "\n    crm_verify: " + said);
        }
        Path settled = dir.resolve("settled-" + shape.seed() + ".xml");
        if (PacemakerTools.settle(generated, settled) < 0) {
            disagreements.add(shape + "\n    crm_simulate did not settle in " + PacemakerTools.MAX_PASSES + " passes");
            return new Outcome(said.isEmpty(), false, false, false, false, false, false, complaints, disagreements, List.of());
        }
        String settledXml = PacemakerTools.read(settled);
        PacemakerTools.Mon mon = PacemakerTools.crmMon(settled);

        List<String> status = compareStatus(InMemoryCluster.fromCib(settledXml), mon);
        status.forEach(d -> disagreements.add(shape + "\n    status: " + d));

        String lost = pickOnline(shape, mon, 1);
        Path lostFile = dir.resolve("lost-" + shape.seed() + ".xml");
        PacemakerTools.write(lostFile, CibShapes.loseNode(settledXml, lost));
        List<String> lostDiff = compareStatus(InMemoryCluster.fromCib(PacemakerTools.read(lostFile)),
                PacemakerTools.crmMon(lostFile));
        lostDiff.forEach(d -> disagreements.add(shape + "\n    " + lost + " lost: " + d));

        InMemoryCluster own = InMemoryCluster.fromCib(shape.xml());
        own.settle();
        List<String> placement = comparePlacement(own.placement(), mon);
        placement.forEach(d -> disagreements.add(shape + "\n    placement: " + d));
        boolean exact = own.placement().active().equals(mon.active());

        List<String> forecast = new ArrayList<>();
        boolean forecastExact = true;
        String[][] drains = {{"#health-azure", "-1000000"}, {"standby", "on"}};
        for (int i = 0; i < drains.length; i++) {
            String node = pickOnline(shape, mon, 2 + i);
            String attr = drains[i][0];
            String value = drains[i][1];
            Path drainedFile = dir.resolve("drained-" + i + "-" + shape.seed() + ".xml");
            PacemakerTools.write(drainedFile, CibShapes.setNodeAttribute(settledXml, node, attr, value));
            Path drainedSettled = dir.resolve("drained-settled-" + i + "-" + shape.seed() + ".xml");
            String label = "forecast (" + node + ":" + attr + "=" + value + "): ";
            if (PacemakerTools.settle(drainedFile, drainedSettled) < 0) {
                forecast.add(label + "crm_simulate did not settle");
                continue;
            }
            PacemakerTools.Mon after = PacemakerTools.crmMon(drainedSettled);
            InMemoryCluster model = InMemoryCluster.fromCib(settledXml);
            DrainForecast f = model.store(node).forecastDrain(model.view(node),
                    List.of(AttributeUpdate.set(node, attr, value)));
            DrainForecast theirs = DrainForecast.of(placementOf(mon), placementOf(after), "crm_simulate");
            compareForecast(f, theirs, node).forEach(d -> forecast.add(label + d));
            forecastExact &= f.known() && f.drained().equals(theirs.drained());
        }
        forecast.forEach(d -> disagreements.add(shape + "\n    " + d));
        List<String> ties = exact ? List.of() : List.of(shape + "\n    model " + own.placement().active()
                + "\n    Pacemaker " + mon.active());
        return new Outcome(said.isEmpty(), status.isEmpty(), lostDiff.isEmpty(), placement.isEmpty(), exact,
                forecast.isEmpty(), forecastExact, complaints, disagreements, ties);
    }

    /** An online member, chosen by the seed, preferring one that runs something. */
    private static String pickOnline(CibShapes.Shape shape, PacemakerTools.Mon mon, int salt) {
        List<String> online = shape.members().stream().filter(n -> mon.nodes().get(n).online()).toList();
        List<String> busy = online.stream().filter(n -> !mon.nodes().get(n).running().isEmpty()).toList();
        List<String> from = !busy.isEmpty() ? busy : !online.isEmpty() ? online : shape.members();
        return from.get(new Random(shape.seed() * 31 + salt).nextInt(from.size()));
    }

    static List<String> compareStatus(InMemoryCluster model, PacemakerTools.Mon mon) {
        List<String> diff = new ArrayList<>();
        ClusterView v = model.view(model.nodeNames().get(0));
        Set<String> modelNames = new TreeSet<>(v.names());
        if (!modelNames.equals(mon.nodes().keySet())) {
            diff.add("nodes: model " + modelNames + ", crm_mon " + mon.nodes().keySet());
        }
        for (PacemakerTools.MonNode m : mon.nodes().values()) {
            ClusterNode n = v.node(m.name()).orElse(null);
            if (n == null) {
                continue;
            }
            String mine = facts(n.online(), n.standby(), n.status().maintenance(), n.status().unclean(),
                    n.status().shutdown(), n.status().kind().name(), new TreeSet<>(n.runningResources()));
            String theirs = facts(m.online(), m.standby(), m.maintenance(), m.unclean(), m.shutdown(), m.kind(),
                    m.running());
            if (!mine.equals(theirs)) {
                diff.add(m.name() + ": model " + mine + ", crm_mon " + theirs);
            }
        }
        if (!model.placement().promoted().equals(mon.promoted())) {
            diff.add("promoted: model " + model.placement().promoted() + ", crm_mon " + mon.promoted());
        }
        if (v.maintenanceMode() != mon.maintenanceMode()) {
            diff.add("maintenance-mode: model " + v.maintenanceMode() + ", crm_mon " + mon.maintenanceMode());
        }
        return diff;
    }

    private static String facts(boolean online, boolean standby, boolean maintenance, boolean unclean,
                                boolean shutdown, String kind, Set<String> running) {
        return kind + (online ? " online" : " offline") + (standby ? " standby" : "")
                + (maintenance ? " maintenance" : "") + (unclean ? " unclean" : "") + (shutdown ? " shutdown" : "")
                + " " + running;
    }

    /** Same resources active, with as many instances, and as many promoted. */
    static List<String> comparePlacement(Placement model, PacemakerTools.Mon mon) {
        List<String> diff = new ArrayList<>();
        Map<String, Integer> mine = counts(model.active());
        Map<String, Integer> theirs = counts(mon.active());
        if (!mine.equals(theirs)) {
            diff.add("instances: model " + model.active() + ", Pacemaker " + mon.active());
        }
        if (!counts(model.promoted()).equals(counts(mon.promoted()))) {
            diff.add("promoted: model " + model.promoted() + ", Pacemaker " + mon.promoted());
        }
        return diff;
    }

    private static Map<String, Integer> counts(Map<String, Set<String>> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    static Placement placementOf(PacemakerTools.Mon mon) {
        return new Placement(mon.active(), mon.promoted());
    }

    static List<String> compareForecast(DrainForecast model, DrainForecast pacemaker, String node) {
        List<String> diff = new ArrayList<>();
        if (!model.known()) {
            diff.add("the model gave no forecast: " + model.source());
            return diff;
        }
        if (!model.stranded().equals(pacemaker.stranded())) {
            diff.add("stranded: model " + model.stranded() + ", Pacemaker " + pacemaker.stranded()
                    + "\n      model drained " + model.drained().orElseThrow().active()
                    + "\n      Pacemaker drained " + pacemaker.drained().orElseThrow().active());
        }
        boolean mineStops = model.stops(CibShapes.AGENT_PRIMITIVE::equals, node);
        boolean theirsStop = pacemaker.stops(CibShapes.AGENT_PRIMITIVE::equals, node);
        if (mineStops != theirsStop) {
            diff.add("agent stopped on " + node + ": model " + mineStops + ", Pacemaker " + theirsStop);
        }
        if (!counts(model.drained().orElseThrow().active()).equals(counts(pacemaker.drained().orElseThrow().active()))) {
            diff.add("instances after the drain: model " + model.drained().orElseThrow().active() + ", Pacemaker "
                    + pacemaker.drained().orElseThrow().active());
        }
        return diff;
    }
}
