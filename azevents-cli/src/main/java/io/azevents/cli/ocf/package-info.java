/**
 * The OCF resource agent as Pacemaker runs it: its actions and exit codes, the resident poller and its files, logging, the meta-data, and the operations around a cycle (history recorder, metrics, notices, observe_only). Entered through {@link io.azevents.cli.ocf.OcfMain} alone.
 * Internal: it promises nothing outside this module; package-private unless another package of the CLI needs a type.
 */
package io.azevents.cli.ocf;
