package io.vigil.cluster.internal;

import io.vigil.api.secret.SecretStoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The settings every Kafka client of this node shares: where Kafka is, who this node is, and how it proves it
 * (TLS, SASL/SCRAM). Passwords come from the secret store at the moment a client is made and are never logged.
 */
final class KafkaClientSettings {

    /** A password by its alias: the secret store's {@code password} in the container. */
    @FunctionalInterface
    interface Passwords {
        Optional<char[]> password(String alias) throws SecretStoreException;
    }

    private final ClusterOptions options;
    private final Passwords secrets;

    KafkaClientSettings(ClusterOptions options, Passwords secrets) {
        this.options = options;
        this.secrets = secrets;
    }

    ClusterOptions options() {
        return options;
    }

    /** Common client properties; {@code role} tells this node's clients apart in Kafka's logs and metrics. */
    Map<String, Object> common(String role) throws SecretStoreException {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", options.bootstrapServers());
        p.put("client.id", options.nodeId() + (role.isEmpty() ? "" : "-" + role));
        // JMX metrics would register MBeans per client in the container for nothing
        p.put("metric.reporters", "");
        boolean tls = options.tls() != null;
        boolean sasl = options.sasl() != null;
        p.put("security.protocol", tls ? (sasl ? "SASL_SSL" : "SSL") : (sasl ? "SASL_PLAINTEXT" : "PLAINTEXT"));
        if (tls) {
            ClusterOptions.Tls t = options.tls();
            p.put("ssl.truststore.location", t.truststorePath());
            if (!t.truststorePasswordAlias().isBlank()) {
                p.put("ssl.truststore.password", password(t.truststorePasswordAlias()));
            }
            if (!t.keystorePath().isBlank()) {
                p.put("ssl.keystore.location", t.keystorePath());
                p.put("ssl.keystore.password", password(t.keystorePasswordAlias()));
            }
        }
        if (sasl) {
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + jaasQuoted(options.sasl().username()) + "\" password=\"" + jaasQuoted(password(options.sasl().passwordAlias())) + "\";");
        }
        return p;
    }

    private String password(String alias) throws SecretStoreException {
        return secrets.password(alias).map(String::new).orElseThrow(() -> new SecretStoreException(
                "no password under alias '" + alias + "' in the secret store (vigil secret set " + alias + ")"));
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * Makes a Kafka client with Kafka's own class loader as the thread's context loader: Kafka loads configured
     * classes (login modules, default reporters) through it, and in OSGi the caller's loader cannot see them.
     */
    static <T> T withKafkaLoader(Supplier<T> factory) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(org.apache.kafka.clients.CommonClientConfigs.class.getClassLoader());
        try {
            return factory.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
