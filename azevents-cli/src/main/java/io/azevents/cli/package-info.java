/**
 * The {@code azevents} command and the OCF resource agents built on the library. {@link io.azevents.cli.Main}
 * is the entry point; the operator commands are in {@code commands}, everything else in {@code internal}.
 */
package io.azevents.cli;
