package io.vigil.testing;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS client context that trusts one certificate only (a generated, self-signed one), so tests verify it as a client would. */
public final class TrustedCertificate {

    private TrustedCertificate() {
    }

    public static SSLContext only(X509Certificate certificate) throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("vigil", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            return tls;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("an empty key store cannot be made: " + e.getMessage(), e);
        }
    }
}
