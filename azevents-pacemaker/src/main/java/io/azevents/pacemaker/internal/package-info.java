/**
 * Internals of the Pacemaker adapter: the CIB reader (StAX), the patch writer, the derivation of
 * running resources from the operation history, and the process runner.
 *
 * <p><b>Not API.</b> The public classes here are public only because other azevents code calls
 * them: the store in {@code io.azevents.pacemaker} is built from {@code StatusReader},
 * {@code PacemakerStatus}, {@code CibDocument}, {@code CibPatch}, {@code CibFileLock},
 * {@code PrivateDirectory} and {@code ProcessCommandRunner}; {@code io.azevents.pacemaker.admin}
 * (the configuration check and the migration) reads the CIB with {@code Cib} and {@code CibReader};
 * the test kit ({@code azevents-testkit}) names claims with {@code Claims} so that the in-memory
 * cluster writes the same CIB as the real store. The helpers they share are package-private. This package is left
 * out of the javadoc and of the compatibility promise (docs/api-compatibility.md): any release may
 * change or remove it.
 */
package io.azevents.pacemaker.internal;
