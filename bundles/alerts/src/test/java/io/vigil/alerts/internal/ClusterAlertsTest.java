package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.cluster.SharedLog;
import io.vigil.cluster.internal.TestSharedLogs;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Two alert stores (two data folders, two secret stores) sharing one real Kafka broker through the real
 * KafkaSharedLog: what one node stores the other lists and opens, reviews on either node count under one
 * two-person rule, an outbox holds its records while the broker is down, and a restarted node applies nothing twice.
 * One broker for the class; each test has its own topic prefix.
 */
class ClusterAlertsTest {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final String KEK = "a-cluster-evidence-kek-of-forty-four-characters";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path kafkaDir;
    private static KafkaTestCluster kafka;

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;

    private final String prefix = "alerts" + PREFIXES.incrementAndGet() + ".";
    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(kafkaDir);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    /** A node: its alert store on its data folder, a member through its own SharedLog on the broker. */
    private final class Node implements AutoCloseable {
        final AlertFixture fixture;
        final AlertService store;
        final SharedLog log;

        Node(AlertFixture fixture, String nodeId) throws Exception {
            this.fixture = fixture;
            fixture.secrets.putPassword(EvidenceKeyShare.KEK_ALIAS, KEK.toCharArray());
            this.store = fixture.start();
            this.log = TestSharedLogs.open(kafka.bootstrapServers(), nodeId, prefix, Duration.ofSeconds(30));
            store.setSharedLog(log);
            running.add(this);
        }

        @Override
        public void close() {
            store.unsetSharedLog(log);
            store.deactivate();
            TestSharedLogs.close(log);
            running.remove(this);
        }

        long stored(String alertId) {
            return fixture.events.posted().stream().filter(e -> e.getTopic().equals(AlertTopics.STORED)
                    && alertId.equals(e.getProperty("alert.id")) && Boolean.FALSE.equals(e.getProperty("alert.updated"))).count();
        }

        Optional<Alert> alert(String id) {
            try {
                return store.alert(id);
            } catch (AlertStoreException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Node node(Path data, String id) throws Exception {
        return new Node(new AlertFixture(data), id);
    }

    @Test
    void anAlertStoredOnOneNodeIsListedShownAndOpenedOnTheOther() throws Exception {
        Node a = node(dataA, "node-a");
        Node b = node(dataB, "node-b");
        RecognitionEvidence face = evidence(1);
        Alert stored = a.store.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), face);

        Await.until(() -> b.alert(stored.id()).isPresent(), WAIT, () -> "node-b never had " + stored.id() + ": "
                + b.store.status().detail());
        assertEquals(stored, b.alert(stored.id()).orElseThrow(), "the same alert, field for field");
        assertEquals(List.of(stored.id()), b.store.review().list(new AlertRecords.Filter(Optional.empty(), Optional.empty(), 10))
                .stream().map(x -> x.id().toString()).toList());
        assertEquals(Optional.of("node-a"), b.store.review().list(new AlertRecords.Filter(Optional.empty(), Optional.empty(), 10))
                .get(0).originNode());
        // node-a's evidence, sealed under node-a's key, opens on node-b once the wrapped key arrived
        Await.until(() -> {
            try {
                return b.store.review().evidence(stored.id(), "Ann").isPresent();
            } catch (AlertStoreException notYet) {
                return false;
            }
        }, WAIT, () -> "node-a's evidence key never reached node-b: " + b.fixture.secrets.keys.keySet());
        RecognitionEvidence opened = b.store.review().evidence(stored.id(), "Ann").orElseThrow();
        assertArrayEquals(face.faceCrop(), opened.faceCrop());
        assertArrayEquals(face.frameRegion(), opened.frameRegion());
        assertTrue(b.fixture.secrets.aliases().contains("alerts.evidence.2026-12-01:node-a"), b.fixture.secrets.aliases().toString());

        // announced once on each node: the ONVIF device and the ledger of each hear of it once
        Await.until(() -> b.stored(stored.id()) == 1, WAIT, () -> "node-b announced " + b.fixture.events.posted());
        Await.until(() -> a.stored(stored.id()) == 1, WAIT, () -> "node-a announced " + a.fixture.events.posted());
        Await.until(() -> a.store.status().detail().contains("0 records waiting for Kafka"), WAIT, () -> a.store.status().detail());
        Thread.sleep(1000);
        assertEquals(1, b.stored(stored.id()), "node-b announced it once");
        assertEquals(1, a.stored(stored.id()), "node-a's own record coming back through the log is not announced again");
        // the audit trail of node-b has no match of its own: the match is node-a's
        assertTrue(b.fixture.audit.of(io.vigil.api.audit.AuditActions.MATCH).isEmpty());
    }

    @Test
    void theTwoPersonRuleHoldsAcrossNodes() throws Exception {
        Node a = node(dataA, "node-a");
        Node b = node(dataB, "node-b");
        Alert stored = a.store.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        Await.until(() -> b.alert(stored.id()).isPresent(), WAIT, () -> "node-b never had " + stored.id());

        // Ann confirms on both nodes at once: one confirmation counts, the other is refused wherever it lands
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<String> onA = () -> outcome(() -> a.store.review().confirm(stored.id(), "Ann").state().name());
            Callable<String> onB = () -> outcome(() -> b.store.review().confirm(stored.id(), "ann").state().name());
            Future<String> fa = two.submit(onA);
            Future<String> fb = two.submit(onB);
            List<String> outcomes = List.of(fa.get(), fb.get());
            assertEquals(1, outcomes.stream().filter("CONFIRMED_ONCE"::equals).count(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter(o -> o.startsWith("refused")).count(), outcomes.toString());
            assertTrue(outcomes.stream().anyMatch(o -> o.contains("different reviewer")), outcomes.toString());
        } finally {
            two.shutdownNow();
        }
        // the second person, on the other node
        assertEquals(AlertState.CONFIRMED, b.store.review().confirm(stored.id(), "Bob").state());
        Await.until(() -> a.alert(stored.id()).orElseThrow().state() == AlertState.CONFIRMED, WAIT, () -> "node-a: "
                + a.alert(stored.id()));
        // both nodes hold the same decision: the same two reviews in the same order
        assertEquals(reviewers(a, stored.id()), reviewers(b, stored.id()));
        assertEquals(2, reviewers(a, stored.id()).size(), reviewers(a, stored.id()).toString());
        // a review after the decision is refused on either node
        assertThrows(ReviewWorkflow.ReviewRefusedException.class,
                () -> a.store.review().dismiss(stored.id(), "Cy", DismissReason.parse("false-alert")));
        // the refused request is in the audit trail of the node that asked
        assertEquals(1, a.fixture.audit.of(AlertReviews.REVIEW_REFUSED).size() + b.fixture.audit.of(AlertReviews.REVIEW_REFUSED).size());
    }

    @Test
    void whileKafkaIsDownTheOutboxHoldsAndEachRecordArrivesOnce() throws Exception {
        Node a = node(dataA, "node-a");
        Node b = node(dataB, "node-b");
        Alert first = a.store.store(recognition("cam-1", 1, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        Await.until(() -> b.alert(first.id()).isPresent(), WAIT, () -> "node-b never had " + first.id());

        KafkaTestCluster.Node broker = kafka.nodes().get(0);
        kafka.kill(broker);
        Alert second;
        try {
            second = a.store.store(recognition("cam-2", 2, "S-BBB", 0.7f, 0.8f, T0.plusSeconds(5)), evidence(2));
            Thread.sleep(2000);
            assertTrue(a.store.status().detail().matches(".*[1-9]\\d* records waiting for Kafka.*"), a.store.status().detail());
            assertTrue(b.alert(second.id()).isEmpty());
        } finally {
            kafka.restart(broker);
        }
        Await.until(() -> b.alert(second.id()).isPresent(), WAIT, () -> "node-b never had " + second.id() + "; node-a: "
                + a.store.status().detail());
        Await.until(() -> a.store.status().detail().contains("0 records waiting for Kafka"), WAIT, () -> a.store.status().detail());
        Thread.sleep(1000);
        assertEquals(2, b.store.since(Optional.empty(), 100).size(), "each alert once on node-b");
        assertEquals(1, b.stored(second.id()));
        assertEquals(1, b.stored(first.id()));
    }

    @Test
    void aRestartedNodeAppliesNothingTwice() throws Exception {
        Node a = node(dataA, "node-a");
        Node b = node(dataB, "node-b");
        Alert one = a.store.store(recognition("cam-1", 1, "S-AAA", 0.62f, 0.7f, T0), evidence(1));
        assertEquals(AlertState.CONFIRMED_ONCE, a.store.review().confirm(one.id(), "Ann").state());
        Await.until(() -> b.alert(one.id()).map(x -> x.state() == AlertState.CONFIRMED_ONCE).orElse(false), WAIT,
                () -> "node-b: " + b.alert(one.id()));
        b.close();

        // node-b is down while node-a stores and reviews more
        Alert two = a.store.store(recognition("cam-2", 2, "S-BBB", 0.7f, 0.8f, T0.plusSeconds(5)), evidence(2));
        assertEquals(AlertState.CONFIRMED, a.store.review().confirm(one.id(), "Bob").state());

        Node again = new Node(b.fixture, "node-b");
        Await.until(() -> again.alert(two.id()).isPresent()
                && again.alert(one.id()).orElseThrow().state() == AlertState.CONFIRMED, WAIT, () -> "node-b after its restart: "
                + again.alert(one.id()) + " " + again.alert(two.id()));
        Thread.sleep(1500);
        assertEquals(2, again.store.since(Optional.empty(), 100).size());
        assertEquals(List.of("Ann", "Bob"), reviewers(again, one.id()), "each review applied once");
        assertEquals(1, again.stored(one.id()), "announced once across the restart");
        assertEquals(1, again.stored(two.id()));
        // the tally counts the decision once
        assertEquals(1, again.store.rates().byWatchlist().get(0).confirmed());
    }

    private static List<String> reviewers(Node n, String id) throws AlertStoreException {
        return n.store.review().reviews(id).stream().map(Review::reviewer).toList();
    }

    private interface Review0 {
        String run() throws AlertStoreException;
    }

    private static String outcome(Review0 review) {
        try {
            return review.run();
        } catch (ReviewWorkflow.ReviewRefusedException e) {
            return "refused: " + e.getMessage();
        } catch (AlertStoreException e) {
            return "failed: " + e.getMessage();
        }
    }
}
