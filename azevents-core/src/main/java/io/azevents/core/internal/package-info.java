/**
 * Implementation of the monitor engine. Internal: no compatibility promise; do not use from outside
 * azevents.
 */
package io.azevents.core.internal;
