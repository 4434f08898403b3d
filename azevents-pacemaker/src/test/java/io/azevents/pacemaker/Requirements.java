package io.azevents.pacemaker;

/** This module's needs, checked with the test kit's one rule (skip here, fail under CI=true). */
final class Requirements {
    private Requirements() {
    }

    /** Pacemaker's command-line tools, enough for tests on a CIB file (the store reads with crm_simulate). */
    static void requirePacemakerTools() {
        requireTools("cibadmin", "crm_attribute", "crm_verify", "crm_simulate", "crm_mon");
    }

    /** What the live lab needs: root, the Pacemaker and Corosync daemons, iproute2 and util-linux. */
    static void requireLab() {
        io.azevents.testkit.Requirements.requireLab();
    }

    static void requireTools(String... tools) {
        io.azevents.testkit.Requirements.requireTools(tools);
    }
}
