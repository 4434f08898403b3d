package io.azevents.pacemaker.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The cluster shell an administrator configures Pacemaker with: crmsh ({@code crm}, SUSE) or pcs
 * (Red Hat). Both drive the same CIB; a {@link Finding} and a {@link Migration} carry commands for
 * either. Immutable.
 */
public enum Shell {
    /** crmsh, the {@code crm} command: SUSE Linux Enterprise. */
    CRMSH("crmsh", "crm"),
    /** pcs: Red Hat Enterprise Linux (and Debian, which packages both). */
    PCS("pcs", "pcs");

    private final String key;
    private final String program;

    Shell(String key, String program) {
        this.key = key;
        this.program = program;
    }

    /**
     * The name an option takes: {@code crmsh} or {@code pcs}.
     *
     * @return the shell's key
     */
    public String key() {
        return key;
    }

    /**
     * The program the shell installs: {@code crm} or {@code pcs}.
     *
     * @return the program's file name
     */
    public String program() {
        return program;
    }

    /**
     * The shell called {@code key} ({@code crmsh}, also {@code crm}; {@code pcs}).
     *
     * @param key the shell's key or program; case and surrounding blanks are ignored
     * @return the shell
     * @throws NullPointerException     if {@code key} is null
     * @throws IllegalArgumentException naming the known shells
     */
    public static Shell of(String key) {
        Objects.requireNonNull(key, "key");
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Shell s : values()) {
            if (s.key.equals(k) || s.program.equals(k)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown shell '" + key + "'; known: crmsh, pcs");
    }

    /**
     * The shell installed on this machine when exactly one is; empty when both or neither are.
     *
     * @return the shell whose program is on {@code PATH} ({@link #onPath}); empty when both or neither are
     */
    public static Optional<Shell> detect() {
        return detect(Shell::onPath);
    }

    /**
     * As {@link #detect()}, with {@code installed} telling whether a program is installed.
     *
     * @param installed true for a {@linkplain #program() program} that is installed
     * @return the one shell whose program is installed; empty when both or neither are
     */
    public static Optional<Shell> detect(Predicate<String> installed) {
        List<Shell> found = Arrays.stream(values()).filter(s -> installed.test(s.program)).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * {@code argv} as it must run against {@code cibFile} when one is given: pcs takes the file as
     * {@code -f FILE}; crmsh and Pacemaker's own tools read {@code CIB_file} from the environment and
     * are left as they are.
     *
     * @param argv    the command, one argument per element
     * @param cibFile the CIB file to work on; empty for the live cluster
     * @return an immutable copy of {@code argv}, with {@code -f FILE} after {@code pcs} when a file is given
     */
    public static List<String> onFile(List<String> argv, Optional<Path> cibFile) {
        if (cibFile.isEmpty() || argv.isEmpty() || !argv.get(0).equals(PCS.program)) {
            return List.copyOf(argv);
        }
        List<String> out = new ArrayList<>(argv.size() + 2);
        out.add(argv.get(0));
        out.add("-f");
        out.add(cibFile.get().toString());
        out.addAll(argv.subList(1, argv.size()));
        return List.copyOf(out);
    }

    /**
     * True if {@code program} is an executable in a directory of {@code PATH}.
     *
     * @param program a file name, without a directory
     * @return true if an executable file of that name is in one of {@code PATH}'s directories
     *     ({@code /usr/sbin:/usr/bin:/sbin:/bin} when {@code PATH} is unset)
     */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
