/**
 * A node's history and counters on disk, as the agent writes them and the operator commands read them.
 * Internal: it promises nothing outside this module; package-private unless another package of the CLI needs a type.
 */
package io.azevents.cli.history;
