package io.vigil.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.secret.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** conf/io.vigil.cluster.cfg checked before anything connects, and the client settings it makes. */
class ClusterOptionsTest {

    private static ClusterOptions plain(String bootstrap, String node) {
        return new ClusterOptions(bootstrap, node, "vigil.", 3, 60, 20_000, 2_000, null, null);
    }

    @Test
    void whatIsMissingOrWrongIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain(" ", "n1")).getMessage().contains("bootstrap.servers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain("k:9092", "")).getMessage().contains("node.id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain("k:9092", "a b")).getMessage().contains("node.id"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ClusterOptions("k:9092", "n1", "vigil.", 3, 60, 2_000, 2_000, null, null)).getMessage()
                .contains("failover.session.timeout.ms"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ClusterOptions("k:9092", "n1", "vigil.", 0, 60, 20_000, 2_000, null, null)).getMessage()
                .contains("replication.factor"));
    }

    @Test
    void theDefaultFailoverBoundIsWithinThirtySeconds() {
        ClusterOptions o = plain("k:9092", "n1");
        assertEquals(25_000, o.failoverBoundMs(), "20 s session + 2 x 2 s heartbeat + 1 s to read");
        assertEquals("vigil.cameras", o.cameraTopic());
        assertEquals("vigil.camera-assignment", o.assignmentGroup());
    }

    @Test
    void tlsAndScramTakeTheirPasswordsFromTheSecretStore() throws Exception {
        ClusterOptions o = new ClusterOptions("k:9093", "n1", "vigil.", 3, 60, 20_000, 2_000,
                new ClusterOptions.Tls("/etc/vigil/kafka-ca.p12", "kafka-trust", "", ""),
                new ClusterOptions.Sasl("vigil-n1", "kafka-scram"));
        Map<String, char[]> secrets = Map.of("kafka-trust", "trust-pw".toCharArray(), "kafka-scram", "scr\"am".toCharArray());
        Map<String, Object> p = new KafkaClientSettings(o, alias -> Optional.ofNullable(secrets.get(alias))).common("");
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("trust-pw", p.get("ssl.truststore.password"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertTrue(((String) p.get("sasl.jaas.config")).contains("username=\"vigil-n1\" password=\"scr\\\"am\""), p.toString());
        assertEquals("n1", p.get("client.id"));

        KafkaClientSettings missing = new KafkaClientSettings(o, alias -> Optional.empty());
        assertTrue(assertThrows(SecretStoreException.class, () -> missing.common("")).getMessage().contains("kafka-trust"));
    }
}
