package io.azevents.cli.scenario;

import io.azevents.testkit.Requirements;

/** The Pacemaker tools the scenario tests run: missing ones skip a test, or fail it under {@code CI=true}. */
final class ScenarioTools {
    private ScenarioTools() {
    }

    static void require(String... tools) {
        Requirements.requireTools(tools);
    }
}
