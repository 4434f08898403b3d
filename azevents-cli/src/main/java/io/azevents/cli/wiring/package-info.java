/**
 * The composition of an agent: its configuration ({@link io.azevents.cli.wiring.EnvConfig}), the real adapters ({@link io.azevents.cli.wiring.Wiring}), the OCF agent types the strategies claim, and the one factory that assembles an agent from them ({@link io.azevents.cli.wiring.AgentFactory}).
 * Internal: it promises nothing outside this module; package-private unless another package of the CLI needs a type.
 */
package io.azevents.cli.wiring;
