package io.azevents.pacemaker.admin;

import java.util.List;
import java.util.Objects;

/**
 * One result of the {@link ConfigurationCheck}: what is wrong (or worth knowing), how bad it is, and
 * the commands that fix it, for each {@link Shell}, with the cluster's names filled in. Each fix
 * command is one line to be copied as it is. Immutable.
 *
 * @param severity how bad it is
 * @param code     a stable kebab-case key ({@code node-health-strategy})
 * @param message  one sentence for the administrator
 * @param crmshFix the fix with crmsh and Pacemaker's tools; empty when there is no command
 * @param pcsFix   the same fix with pcs and Pacemaker's tools
 */
public record Finding(Severity severity, String code, String message, List<String> crmshFix, List<String> pcsFix) {

    /** How bad a finding is: an error stops {@code validate-all}; the others are advice. */
    public enum Severity {
        /** Something the strategy needs is missing or wrong; {@code validate-all} fails on it. */
        ERROR,
        /** The agent can work, but something should be looked at or changed. */
        WARNING,
        /** Worth knowing; nothing to fix. */
        INFO
    }

    /**
     * Checks that the severity, code and message are present and copies the fixes.
     *
     * @param severity how bad it is
     * @param code     a stable kebab-case key
     * @param message  one sentence for the administrator
     * @param crmshFix the fix with crmsh, one command per element; copied; empty when there is none
     * @param pcsFix   the fix with pcs, one command per element; copied; empty when there is none
     * @throws NullPointerException if a component is null or a list holds null
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        crmshFix = List.copyOf(crmshFix);
        pcsFix = List.copyOf(pcsFix);
    }

    /**
     * The fix for {@code shell}.
     *
     * @param shell the shell the administrator uses
     * @return {@link #pcsFix()} or {@link #crmshFix()}; empty when there is no command
     * @throws NullPointerException if {@code shell} is null
     */
    public List<String> fix(Shell shell) {
        return Objects.requireNonNull(shell, "shell") == Shell.PCS ? pcsFix : crmshFix;
    }

    static Finding error(String code, String message, List<String> crmsh, List<String> pcs) {
        return new Finding(Severity.ERROR, code, message, crmsh, pcs);
    }

    static Finding warning(String code, String message, List<String> crmsh, List<String> pcs) {
        return new Finding(Severity.WARNING, code, message, crmsh, pcs);
    }

    static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, message, List.of(), List.of());
    }
}
