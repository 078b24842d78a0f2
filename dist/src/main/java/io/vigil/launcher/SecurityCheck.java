package io.vigil.launcher;

import java.util.List;

/**
 * One kind of insecure setting {@code vigil doctor} looks for. To add one, implement this and list
 * it in {@link SecurityChecks#ALL}: it reads what it needs from {@link SecuritySettings} (files
 * only; the container need not run) and returns a finding per setting in use, with its fix.
 */
@FunctionalInterface
interface SecurityCheck {

    List<SecurityFinding> check(SecuritySettings settings);
}
