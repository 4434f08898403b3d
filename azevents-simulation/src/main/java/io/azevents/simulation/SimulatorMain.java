package io.azevents.simulation;

import io.azevents.core.EventType;
import io.azevents.core.ScheduledEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link ImdsSimulator#main}: options, then commands read from standard input
 * until {@code quit}; on end of input it keeps serving until the process is killed.
 */
final class SimulatorMain {
    private static final String USAGE = """
            usage: ImdsSimulator [--bind ADDRESS] [--port PORT] [--vm NAME] [--zones] [--event TYPE]...
              --bind    address to listen on (default 127.0.0.1)
              --port    port (default 0: any free port)
              --vm      the VM name served as compute.name (default vm-sim-1)
              --zones   show only events naming this VM (default: every event, as in an Availability Set)
              --event   schedule an event of TYPE (Reboot, Redeploy, Freeze, Preempt, Terminate) for the VM
            commands on standard input:
              schedule TYPE [VM...]   start ID   complete ID   cancel ID   list
              fault STATUS [TIMES]    drop [TIMES]    requests    quit""";

    private SimulatorMain() {
    }

    /** Runs the simulator; returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) throws Exception {
        String bind = "127.0.0.1";
        int port = 0;
        String vm = "vm-sim-1";
        Visibility visibility = Visibility.AVAILABILITY_SET;
        List<EventType> events = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bind" -> bind = args[++i];
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--vm" -> vm = args[++i];
                    case "--zones" -> visibility = Visibility.ZONES;
                    case "--event" -> events.add(EventType.of(args[++i]));
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            err.println("ImdsSimulator: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        ImdsSimulator sim = ImdsSimulator.start(new ImdsRegion(), vm, visibility,
                new InetSocketAddress(InetAddress.getByName(bind), port));
        for (EventType t : events) {
            out.println("scheduled " + describe(sim.schedule(t)));
        }
        out.println("IMDS simulator for VM " + vm + " (" + visibility.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ") listening on " + sim.baseUrl());
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split("\\s+");
            try {
                switch (w[0]) {
                    case "" -> { }
                    case "schedule" -> out.println("scheduled " + describe(w.length > 2
                            ? sim.region().schedule(EventType.of(w[1]), List.of(w).subList(2, w.length).toArray(String[]::new))
                            : sim.schedule(EventType.of(w[1]))));
                    case "start" -> sim.startEvent(w[1]);
                    case "complete" -> sim.completeEvent(w[1]);
                    case "cancel" -> sim.cancelEvent(w[1]);
                    case "list" -> {
                        out.println("incarnation " + sim.region().incarnation());
                        sim.region().events().forEach(e -> out.println("  " + describe(e)));
                    }
                    case "fault" -> sim.failNext(w.length > 2 ? Integer.parseInt(w[2]) : 1,
                            Fault.status(Integer.parseInt(w[1])));
                    case "drop" -> sim.failNext(w.length > 1 ? Integer.parseInt(w[1]) : 1, Fault.dropConnection());
                    case "requests" -> sim.requests().forEach(r ->
                            out.println("  " + r.at() + " " + r.method() + " " + r.path() + "?" + r.query()));
                    case "quit" -> {
                        sim.close();
                        return 0;
                    }
                    default -> out.println(USAGE);
                }
            } catch (RuntimeException e) {
                out.println("error: " + e.getMessage());
            }
            out.flush();
        }
        Thread.currentThread().join();
        return 0;
    }

    private static String describe(ScheduledEvent e) {
        return e.id() + " " + e.type() + " " + e.status() + " " + e.resources()
                + e.notBefore().map(t -> " NotBefore " + t).orElse("");
    }
}
