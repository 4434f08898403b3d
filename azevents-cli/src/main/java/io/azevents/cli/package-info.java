/**
 * The {@code azevents} command and the OCF resource agents built on the library. {@link io.azevents.cli.Main}
 * is the only public type; everything else is in {@code internal}.
 */
package io.azevents.cli;
