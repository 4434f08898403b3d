/**
 * The Pacemaker adapter: {@link io.azevents.pacemaker.CrmClusterAttributeStore} implements the
 * core's {@code ClusterAttributeStore} on Pacemaker's own command-line tools ({@code cibadmin},
 * {@code crm_node}), on a live cluster or on a CIB file ({@code CIB_file}).
 *
 * <p>Public and stable: the store and its builder, the {@link io.azevents.pacemaker.CommandRunner}
 * through which every command runs, and {@link io.azevents.pacemaker.CommandFailedException}.
 */
package io.azevents.pacemaker;
