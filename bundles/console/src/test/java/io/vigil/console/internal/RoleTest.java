package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Who may do what: the server-side checks of every page rest on these. */
class RoleTest {

    private static Set<Role> allowed(Predicate<Role> may) {
        return Arrays.stream(Role.values()).filter(may).collect(Collectors.toSet());
    }

    @Test
    void dutiesStaySeparate() {
        assertEquals(Set.of(Role.REVIEWER, Role.AUDITOR), allowed(Role::seesAlerts));
        assertEquals(Set.of(Role.REVIEWER), allowed(Role::reviewsAlerts));
        assertEquals(Set.of(Role.REVIEWER), allowed(Role::seesEvidence), "the auditor reads alerts without the faces");
        assertEquals(Set.of(Role.COMPLIANCE_OFFICER, Role.ADMINISTRATOR, Role.AUDITOR), allowed(Role::seesCompliance));
        assertEquals(Set.of(Role.COMPLIANCE_OFFICER), allowed(Role::exportsFilings));
        assertEquals(Set.of(Role.WATCHLIST_MANAGER, Role.ADMINISTRATOR), allowed(Role::seesWatchlists));
        assertEquals(Set.of(Role.WATCHLIST_MANAGER), allowed(Role::managesWatchlists));
    }
}
