/**
 * Everything behind the {@code azevents} command: the OCF agent, the wiring of the real adapters, the
 * views the operator commands print, the demo. Internal: it promises nothing to anyone outside this
 * module. Its types are package-private unless a command of {@code io.azevents.cli.commands} or
 * {@link io.azevents.cli.Main} needs them.
 */
package io.azevents.cli.internal;
