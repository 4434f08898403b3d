package io.azevents.testkit;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Pacemaker's own tools on CIB files, for tests that compare the in-memory model with Pacemaker:
 * {@code crm_verify}, {@code crm_simulate} (settling a CIB until it schedules nothing) and
 * {@code crm_mon} (parsed with DOM). No daemons. Stateless; thread-safe.
 */
final class PacemakerTools {
    /** Passes of {@code crm_simulate -S} before a CIB counts as not settling. */
    static final int MAX_PASSES = 8;

    private PacemakerTools() {
    }

    /** A finished command. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            Path out = Files.createTempFile("pcmk-out", ".txt");
            Path err = Files.createTempFile("pcmk-err", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code crm_verify -x file}: empty if it accepts the file without a word, else what it said. */
    static String verify(Path file) {
        Result r = run(Map.of(), "crm_verify", "-x", file.toString());
        String said = (r.stdout() + r.stderr()).trim();
        return r.exitCode() == 0 && said.isEmpty() ? "" : "exit " + r.exitCode() + ": " + said;
    }

    /**
     * Runs {@code crm_simulate -x in -S -O next} until a pass schedules no action, writing the settled
     * CIB to {@code out}; returns the passes that scheduled something, or -1 if it never settled.
     */
    static int settle(Path in, Path out) {
        try {
            Path cur = Files.createTempFile(out.getParent(), "settle-", ".xml");
            Files.copy(in, cur, StandardCopyOption.REPLACE_EXISTING);
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                Path next = Files.createTempFile(out.getParent(), "settle-", ".xml");
                Result r = run(Map.of(), "crm_simulate", "-x", cur.toString(), "-S", "-O", next.toString(),
                        "--output-as=xml");
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("crm_simulate failed (" + r.exitCode() + "): " + r.stderr());
                }
                int actions = actions(r.stdout());
                Files.delete(cur);
                cur = next;
                if (actions == 0) {
                    Files.move(cur, out, StandardCopyOption.REPLACE_EXISTING);
                    return pass;
                }
            }
            Files.move(cur, out, StandardCopyOption.REPLACE_EXISTING);
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int actions(String xml) {
        Element root = parse(xml).getDocumentElement();
        int n = 0;
        for (Element a : descendants(root, "actions")) {
            for (Node c = a.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e && !"true".equals(e.getAttribute("blocked"))) {
                    n++; // a blocked action is scheduled but never runs: it changes nothing
                }
            }
        }
        return n;
    }

    /** One node as {@code crm_mon} reports it. */
    record MonNode(String name, boolean online, boolean standby, boolean maintenance, boolean unclean,
                   boolean shutdown, String kind, Set<String> running) {
    }

    /** What {@code crm_mon} reports of a CIB file: nodes by name, and promoted instances by resource. */
    record Mon(Map<String, MonNode> nodes, Map<String, Set<String>> promoted, boolean maintenanceMode) {
        /** Resource id to the nodes it is active on. */
        Map<String, Set<String>> active() {
            Map<String, Set<String>> out = new TreeMap<>();
            nodes.values().forEach(n -> n.running().forEach(r ->
                    out.computeIfAbsent(r, k -> new TreeSet<>()).add(n.name())));
            return out;
        }
    }

    /** {@code CIB_file=file crm_mon -1 --output-as=xml}, parsed. */
    static Mon crmMon(Path file) {
        Result r = run(Map.of("CIB_file", file.toString()), "crm_mon", "-1", "--output-as=xml");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("crm_mon failed (" + r.exitCode() + "): " + r.stderr());
        }
        Element root = parse(r.stdout()).getDocumentElement();
        Map<String, Map<String, String>> attrs = new TreeMap<>();
        Map<String, Set<String>> running = new TreeMap<>();
        Map<String, Set<String>> promoted = new TreeMap<>();
        Element nodesEl = descendants(root, "nodes").get(0);
        for (Element n : children(nodesEl, "node")) {
            Map<String, String> a = new TreeMap<>();
            var list = n.getAttributes();
            for (int i = 0; i < list.getLength(); i++) {
                a.put(list.item(i).getNodeName(), list.item(i).getNodeValue());
            }
            attrs.put(n.getAttribute("name"), a);
            running.put(n.getAttribute("name"), new TreeSet<>());
        }
        Element resources = children(root, "resources").stream().findFirst().orElse(null);
        if (resources != null) {
            for (Element res : descendants(resources, "resource")) {
                for (Element on : children(res, "node")) {
                    running.computeIfAbsent(on.getAttribute("name"), k -> new TreeSet<>()).add(res.getAttribute("id"));
                    if ("Promoted".equals(res.getAttribute("role"))) {
                        promoted.computeIfAbsent(res.getAttribute("id"), k -> new TreeSet<>()).add(on.getAttribute("name"));
                    }
                }
            }
        }
        Map<String, MonNode> nodes = new TreeMap<>();
        attrs.forEach((name, a) -> {
            String kind = "member".equals(a.get("type")) ? "MEMBER" : a.containsKey("id_as_resource") ? "GUEST" : "REMOTE";
            nodes.put(name, new MonNode(name, "true".equals(a.get("online")), "true".equals(a.get("standby")),
                    "true".equals(a.get("maintenance")), "true".equals(a.get("unclean")),
                    "true".equals(a.get("shutdown")), kind, running.getOrDefault(name, Set.of())));
        });
        boolean mm = descendants(root, "cluster_options").stream()
                .anyMatch(o -> "true".equals(o.getAttribute("maintenance-mode")));
        return new Mon(nodes, promoted, mm);
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> descendants(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        var list = parent.getElementsByTagName(tag);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
