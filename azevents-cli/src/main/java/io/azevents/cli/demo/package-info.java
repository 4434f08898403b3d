/**
 * {@code azevents demo}: a Reboot played end to end on a simulated region and a 3-node cluster.
 * Internal: it promises nothing outside this module; package-private unless another package of the CLI needs a type.
 */
package io.azevents.cli.demo;
