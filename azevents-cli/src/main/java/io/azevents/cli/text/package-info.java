/**
 * What the CLI prints: decisions as text, JSON, wrapped lines, the status view.
 * Internal: it promises nothing outside this module; package-private unless another package of the CLI needs a type.
 */
package io.azevents.cli.text;
