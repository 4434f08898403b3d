/**
 * Internals of the Pacemaker adapter: the CIB reader (StAX), the patch writer, the derivation of
 * running resources from the operation history, and the process runner. Public only so that the
 * adapter's public package can use them; nothing here is stable API.
 */
package io.azevents.pacemaker.internal;
