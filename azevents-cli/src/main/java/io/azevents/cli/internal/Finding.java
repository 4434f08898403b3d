package io.azevents.cli.internal;

import java.util.List;
import java.util.Objects;

/**
 * One result of {@code azevents check} or {@code validate-all}: what is wrong (or worth knowing), how
 * bad it is, and the crmsh and pcs commands that fix it.
 */
public record Finding(Severity severity, String code, String message, List<String> crmshFix, List<String> pcsFix) {

    public enum Severity { ERROR, WARNING, INFO }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        crmshFix = List.copyOf(crmshFix);
        pcsFix = List.copyOf(pcsFix);
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
