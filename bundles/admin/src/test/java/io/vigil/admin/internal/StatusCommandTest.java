package io.vigil.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a failed activation is summed up on one line of {@code vigil status}. */
class StatusCommandTest {

    @Test
    void vigilsOwnMessageWinsOverTheLibraryCauseBeneathIt() {
        String failure = String.join("\n",
                "org.osgi.service.component.ComponentException: activation failed",
                "\tat org.apache.felix.scr.impl.X.y(X.java:1)",
                "Caused by: io.vigil.api.secret.SecretStoreException: Secret store /d/vigil.bcfks cannot be opened: wrong passphrase, or the file was altered.",
                "\tat io.vigil.secrets.internal.SecretKeystore.open(SecretKeystore.java:65)",
                "Caused by: java.io.IOException: BCFKS KeyStore corrupted: MAC calculation failed",
                "\tat org.bouncycastle.Z.engineLoad(Z.java:9)");
        assertEquals("io.vigil.api.secret.SecretStoreException: Secret store /d/vigil.bcfks cannot be opened: wrong passphrase,"
                + " or the file was altered.", StatusCommand.firstLine(failure));
    }

    @Test
    void withoutOneOfVigilsOwnTheDeepestCauseIsShown() {
        String failure = String.join("\n", "org.osgi.service.component.ComponentException: activation failed",
                "Caused by: java.lang.IllegalStateException: outer", "Caused by: java.io.IOException: disk full");
        assertEquals("java.io.IOException: disk full", StatusCommand.firstLine(failure));
        assertEquals("see the log", StatusCommand.firstLine(null));
    }
}
