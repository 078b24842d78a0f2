package io.vigil.compliance.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigurationAuditorTest {

    @Test
    void secretsAreRecordedAsSetAndAliasesAndOrdinaryValuesAsTheyAre() {
        assertEquals("(set, not recorded)", ConfigurationAuditor.redacted("password", "hunter2"));
        assertEquals("(set, not recorded)", ConfigurationAuditor.redacted("rtsp.Password", "x"));
        assertEquals("(set, not recorded)", ConfigurationAuditor.redacted("api.token", "x"));
        assertEquals("camera.lobby", ConfigurationAuditor.redacted("password.alias", "camera.lobby"));
        assertEquals("0.51", ConfigurationAuditor.redacted("threshold", 0.51f));
        assertEquals("a,b", ConfigurationAuditor.redacted("photos", new String[] {"a", "b"}));
        assertEquals(203, ConfigurationAuditor.redacted("notes", "x".repeat(500)).length());
    }
}
