package io.azevents.imds;

/**
 * The adapter's logger, {@code io.azevents.imds}, looked up on first use only: initialising
 * {@code System.Logger} costs 50-100 ms in a fresh JVM, and a monitor cycle where IMDS answers at
 * once logs nothing.
 */
final class Logs {
    private Logs() {
    }

    private static final class Holder {
        static final System.Logger LOG = System.getLogger("io.azevents.imds");
    }

    /** The logger of the IMDS adapter. */
    public static System.Logger imds() {
        return Holder.LOG;
    }
}
