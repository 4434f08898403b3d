/**
 * Administration of a cluster's azevents configuration, read through the Pacemaker adapter's one CIB
 * reader: {@link io.azevents.pacemaker.admin.ConfigurationCheck} holds the configuration against the
 * documented best practice and gives each {@link io.azevents.pacemaker.admin.Finding} with its fix
 * for both cluster shells ({@link io.azevents.pacemaker.admin.Shell}: crmsh and pcs);
 * {@link io.azevents.pacemaker.admin.Migration} plans and applies the switch from the Python agents
 * ({@code ocf:heartbeat:azure-events-az}, {@code ocf:heartbeat:azure-events}) to azevents in place,
 * and the move from the {@code azure-events} behaviour to {@code azure-events-az}.
 *
 * <p>Public and stable: the types of this package. Everything is a pure function of CIB text and the
 * strategies' providers, except {@link io.azevents.pacemaker.admin.Migration#apply}, which runs
 * argument vectors (never a shell line) through a {@link io.azevents.pacemaker.CommandRunner}.
 */
package io.azevents.pacemaker.admin;
