/**
 * The {@code azevents} operator commands on picocli, one class each: {@link io.azevents.cli.commands.AzeventsCommand}
 * is the root and parses strictly (a usage error exits 2 with the command's usage); each command
 * parses its own options, assembles what it needs through {@code io.azevents.cli.wiring} and prints.
 * The same annotations make the man pages and the bash completion at build time.
 */
package io.azevents.cli.commands;
