package io.vigil.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.cluster.OwnedCamera;
import io.vigil.cluster.testing.KafkaTestCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Camera assignment against a real broker (one combined KRaft node, shared by the class; each test has its own
 * topic prefix): members split the cameras, and a member that leaves or is killed loses them to the survivor
 * within the configured bound, with no camera owned by two members at any observed moment.
 */
class AssignmentMemberTest {

    /** The group's session and heartbeat in these tests: failover within 3 s + 2 x 0.5 s + 1 s = 5 s. */
    private static final int SESSION_MS = 3000;
    private static final int HEARTBEAT_MS = 500;
    private static final int PARTITIONS = 12;
    /**
     * Added to the configured bound before a test fails: the machine runs eight builds at once, and a starved JVM
     * heartbeats late (the figure measured is printed; on a quiet machine it is within the bound itself).
     */
    private static final long LOAD_SLACK_MS = 15_000;
    private static final long FAILOVER_BOUND_MS = new ClusterOptions("127.0.0.1:9", "n", "", 1, PARTITIONS, SESSION_MS,
            HEARTBEAT_MS, null, null).failoverBoundMs();

    private static KafkaTestCluster kafka;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(Path.of(System.getProperty("vigil.kafka.work", "target/kafka")));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeMembers() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static ClusterOptions options(String prefix, String node) {
        return new ClusterOptions(kafka.bootstrapServers(), node, prefix, 1, PARTITIONS, SESSION_MS, HEARTBEAT_MS, null, null);
    }

    private AssignmentMember member(String prefix, String node) {
        AssignmentMember m = new AssignmentMember(new KafkaClientSettings(options(prefix, node), alias -> Optional.empty()),
                System.err::println);
        closing.add(m);
        m.start();
        return m;
    }

    private static Set<String> cameras(int count) {
        return IntStream.range(0, count).mapToObj(i -> "cam-" + i).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void publishAll(AssignmentMember m, Set<String> ids) throws Exception {
        await(() -> m.state().startsWith("member"), Duration.ofSeconds(120), () -> "member state: " + m.state());
        for (String id : ids) {
            m.publish(id, "{\"camera\":\"" + id + "\"}");
        }
    }

    @Test
    void twoMembersSplitTheCamerasAndTheSurvivorTakesThemWhenOneLeaves() throws Exception {
        Set<String> all = cameras(24);
        AssignmentMember n1 = alone("split.", all);
        AssignmentMember n2 = member("split.", "n2");
        Overlaps overlaps = new Overlaps(n1, n2);
        closing.add(0, overlaps);
        awaitSplit(n1, n2, all);
        // each owned camera carries its configuration and an epoch
        OwnedCamera moved = n2.owned().values().iterator().next();
        assertEquals("{\"camera\":\"" + moved.cameraId() + "\"}", moved.configuration());
        assertTrue(moved.epoch() > 0, "Kafka's member epoch: " + moved);
        assertTrue(n2.owns(moved.cameraId(), moved.epoch()));
        assertFalse(n1.owns(moved.cameraId(), moved.epoch()), "one owner only");

        long left = System.nanoTime();
        n2.close();
        assertTrue(n2.owned().isEmpty(), "a member that left owns nothing");
        assertFalse(n2.owns(moved.cameraId(), moved.epoch()), "work under the old epoch is fenced");
        await(() -> n1.owned().keySet().equals(all), Duration.ofMillis(options("split.", "n1").failoverBoundMs() + LOAD_SLACK_MS),
                () -> "after n2 left: n1 " + n1.owned().keySet());
        long handOverMs = (System.nanoTime() - left) / 1_000_000;
        System.out.println("clean leave: n1 owned all " + all.size() + " cameras " + handOverMs + " ms after n2 closed");
        OwnedCamera back = n1.owned().get(moved.cameraId());
        assertTrue(n1.owns(back.cameraId(), back.epoch()));
        overlaps.close();
        assertEquals(List.of(), overlaps.seen(), "cameras owned twice at an observed moment");
        assertTrue(overlaps.samples() > 10, "the sampler ran: " + overlaps.samples());

        // a camera withdrawn leaves its owner
        n1.withdraw(moved.cameraId());
        await(() -> !n1.owned().containsKey(moved.cameraId()), Duration.ofSeconds(30), () -> "withdrawn still owned");
    }

    @Test
    void aMemberWhoseClientFailsUnexpectedlyJoinsAgainWithANewClient() throws Exception {
        Set<String> all = cameras(6);
        java.util.concurrent.atomic.AtomicInteger clients = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean fail = new AtomicBoolean();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        // a real client into whose poll one failure is injected, as a client bug or a state Kafka's client cannot
        // leave would surface: before, it ended this node's membership for good
        AssignmentMember m = new AssignmentMember(new KafkaClientSettings(options("restart.", "n1"), alias -> Optional.empty()),
                warnings::add, properties -> {
                    clients.incrementAndGet();
                    return new org.apache.kafka.clients.consumer.KafkaConsumer<>(properties,
                            new org.apache.kafka.common.serialization.StringDeserializer(),
                            new org.apache.kafka.common.serialization.StringDeserializer()) {
                        @Override
                        public org.apache.kafka.clients.consumer.ConsumerRecords<String, String> poll(Duration timeout) {
                            if (fail.getAndSet(false)) {
                                throw new IllegalStateException("injected failure");
                            }
                            return super.poll(timeout);
                        }
                    };
                });
        closing.add(m);
        List<Set<String>> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        m.subscribe(owned -> told.add(owned.keySet()));
        m.start();
        publishAll(m, all);
        await(() -> m.owned().keySet().equals(all), Duration.ofSeconds(60), () -> "owned " + m.owned().keySet());
        assertEquals(1, clients.get());

        fail.set(true);
        await(() -> clients.get() == 2, Duration.ofSeconds(30), () -> "clients made: " + clients.get() + ", " + m.state());
        await(() -> m.owned().keySet().equals(all), Duration.ofSeconds(60), () -> "owned again " + m.owned().keySet()
                + " (" + m.state() + ")");
        assertTrue(m.state().startsWith("member"), m.state());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("injected failure") && w.contains("joining the group again")),
                "the failure is reported: " + warnings);
        int emptied = told.lastIndexOf(Set.<String>of());
        assertTrue(emptied > 0 && told.subList(0, emptied).contains(all),
                "its cameras counted as lost at the failure, before they came back: " + told);
    }

    @Test
    void theSurvivorTakesTheCamerasOfAMemberKilledWithSigkillWithinTheBound() throws Exception {
        Set<String> all = cameras(24);
        Split split = splitWithMemberProcess("kill.", all);
        MemberProcess n2 = split.n2();

        long killed = System.nanoTime();
        n2.process.destroyForcibly(); // SIGKILL: no leave, the group notices only when the session runs out
        assertTrue(n2.process.waitFor(10, TimeUnit.SECONDS));
        long failoverMs = awaitTakeover(split.n1(), all, killed, "after the kill");
        System.out.println("kill -9: n1 owned n2's " + split.n2Had().size() + " cameras " + failoverMs + " ms after the kill (bound "
                + FAILOVER_BOUND_MS + " ms: session " + SESSION_MS + " + 2 x heartbeat " + HEARTBEAT_MS + " + 1000 to read)");
        assertTrue(failoverMs >= SESSION_MS - 500, "not before the session ran out: " + failoverMs + " ms");
    }

    @Test
    void aMemberResumedAfterSigstopOwnsNothingAtItsFirstCheckAndLaterJoinsAgain() throws Exception {
        Set<String> all = cameras(24);
        Split split = splitWithMemberProcess("stall.", all);
        AssignmentMember n1 = split.n1();
        MemberProcess n2 = split.n2();
        Set<String> n2Had = split.n2Had();

        long stopped = System.nanoTime();
        n2.signal("STOP"); // stalled, not dead: its threads resume with everything they held
        long stalledMs = awaitTakeover(n1, all, stopped, "while n2 stood still");
        System.out.println("SIGSTOP: n1 owned n2's " + n2Had.size() + " cameras " + stalledMs + " ms after the stop");
        n2.signal("CONT");
        String resumed = n2.awaitLine(line -> line.startsWith("RESUMED ")
                && Long.parseLong(line.split(" ")[1]) >= stalledMs - 1000, Duration.ofSeconds(30));
        String[] figures = resumed.split(" ");
        assertEquals(Integer.toString(n2Had.size()), figures[3], "the cameras it held when stopped: " + resumed);
        assertEquals("0", figures[2], "cameras the resumed member still claimed at its first check: " + resumed);

        // and it joins again: the cameras split between the two, each once
        n2.awaitSplitWith(n1, all);
        System.out.println("SIGCONT: n2 joined again and owns " + n2.owned.get().size() + " cameras");
    }

    @Test
    void statusShowsEveryNodeItsCamerasAndTheOwnerOfEach() throws Exception {
        ClusterStatusReader before = new ClusterStatusReader(new KafkaClientSettings(options("status.", "n1"), alias -> Optional.empty()));
        ClusterStatus empty = before.read();
        assertEquals(List.of(), empty.nodes(), "no node has joined yet");
        assertEquals(List.of(), empty.cameras());

        Set<String> all = cameras(8);
        AssignmentMember n1 = member("status.", "n1");
        publishAll(n1, all);
        AssignmentMember n2 = member("status.", "n2");
        awaitSplit(n1, n2, all);
        n1.withdraw("cam-0");
        await(() -> !union(n1, n2).contains("cam-0"), Duration.ofSeconds(30), () -> "cam-0 still owned");
        ClusterStatus status = before.read();
        assertEquals(List.of("n1", "n2"), status.nodes().stream().map(ClusterStatus.Node::node).toList());
        assertEquals(Set.copyOf(n1.owned().keySet()), Set.copyOf(status.nodes().get(0).cameras()));
        assertEquals(Set.copyOf(n2.owned().keySet()), Set.copyOf(status.nodes().get(1).cameras()));
        Set<String> listed = status.cameras().stream().map(ClusterStatus.Camera::camera).collect(Collectors.toSet());
        assertEquals(all.stream().filter(c -> !c.equals("cam-0")).collect(Collectors.toSet()), listed, "a withdrawn camera is gone");
        for (ClusterStatus.Camera c : status.cameras()) {
            assertEquals(n1.owned().containsKey(c.camera()) ? "n1" : "n2", c.owner(), c.toString());
        }
        assertEquals(PARTITIONS, status.nodes().get(0).partitions().size() + status.nodes().get(1).partitions().size());
    }

    private record Split(AssignmentMember n1, MemberProcess n2, Set<String> n2Had) {
    }

    /** n2 in a JVM of its own (started first: its start-up overlaps n1's), n1 here, and the cameras split. */
    private Split splitWithMemberProcess(String prefix, Set<String> all) throws Exception {
        MemberProcess n2 = new MemberProcess(prefix, "n2");
        closing.add(n2);
        AssignmentMember n1 = member(prefix, "n1");
        publishAll(n1, all);
        return new Split(n1, n2, n2.awaitSplitWith(n1, all));
    }

    /** Waits until n1 owns every camera, within the failover bound (and the load slack); ms since {@code since}. */
    private static long awaitTakeover(AssignmentMember n1, Set<String> all, long since, String when) throws InterruptedException {
        await(() -> n1.owned().keySet().equals(all), Duration.ofMillis(FAILOVER_BOUND_MS + LOAD_SLACK_MS),
                () -> when + ": n1 " + n1.owned().keySet());
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Member n1, the cameras published through it, and n1 owning them all (the only member of its group). */
    private AssignmentMember alone(String prefix, Set<String> all) throws Exception {
        AssignmentMember n1 = member(prefix, "n1");
        publishAll(n1, all);
        await(() -> n1.owned().keySet().equals(all), Duration.ofSeconds(60), () -> "n1 alone: " + n1.owned().keySet());
        return n1;
    }

    /** Both members own cameras, and between them each camera once. */
    private static void awaitSplit(AssignmentMember n1, AssignmentMember n2, Set<String> all) throws InterruptedException {
        await(() -> !n1.owned().isEmpty() && !n2.owned().isEmpty() && union(n1, n2).equals(all)
                && n1.owned().size() + n2.owned().size() == all.size(), Duration.ofSeconds(60),
                () -> "split: n1 " + n1.owned().keySet() + " n2 " + n2.owned().keySet());
    }

    /**
     * A member in a JVM of its own ({@link AssignmentMemberProcess}), followed through its output. Started first in
     * a test, so its start-up (seconds on a loaded machine) overlaps the in-test member's; C1 only and the serial
     * collector: it lives for seconds, and a full JIT's compiler threads would only compete for the two cores.
     */
    private static final class MemberProcess implements AutoCloseable {
        final Process process;
        final AtomicReference<Set<String>> owned = new AtomicReference<>(Set.of());
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        MemberProcess(String prefix, String node) throws java.io.IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), AssignmentMemberProcess.class.getName(),
                    kafka.bootstrapServers(), node, prefix, Integer.toString(PARTITIONS), Integer.toString(SESSION_MS),
                    Integer.toString(HEARTBEAT_MS))
                    // its warnings, for when a test fails
                    .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "member-" + prefix + node + ".err").toFile()))
                    .start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("OWNED ")) {
                            String list = line.substring(6).trim();
                            owned.set(list.isEmpty() ? Set.of() : Set.of(list.split(",")));
                        }
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the process died
                }
            }, node + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits until this member and n1 split the cameras, each once; returns this member's share. */
        Set<String> awaitSplitWith(AssignmentMember n1, Set<String> all) throws InterruptedException {
            await(() -> !owned.get().isEmpty() && n1.owned().size() + owned.get().size() == all.size(),
                    Duration.ofSeconds(90), () -> "split: n1 " + n1.owned().keySet() + " " + owned.get());
            Set<String> mine = owned.get();
            Set<String> both = new HashSet<>(mine);
            both.retainAll(n1.owned().keySet());
            assertEquals(Set.of(), both, "owned twice after the split settled");
            return mine;
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + name);
        }

        String awaitLine(java.util.function.Predicate<String> wanted, Duration bound) throws InterruptedException {
            AtomicReference<String> found = new AtomicReference<>();
            await(() -> {
                lines.stream().filter(wanted).findFirst().ifPresent(found::set);
                return found.get() != null;
            }, bound, () -> "no such line in " + lines);
            return found.get();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static Set<String> union(AssignmentMember a, AssignmentMember b) {
        Set<String> u = new TreeSet<>(a.owned().keySet());
        u.addAll(b.owned().keySet());
        return u;
    }

    private static void await(BooleanSupplier done, Duration bound, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound + ": " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Samples two members' cameras every few ms (x, y, then x again: a camera counts as owned twice only when x
     * had it both before and after y had it, so a hand-over read mid-way is never mistaken for one).
     */
    private static final class Overlaps implements AutoCloseable {
        private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long samples;

        Overlaps(AssignmentMember x, AssignmentMember y) {
            thread = new Thread(() -> {
                while (running.get()) {
                    check(x, y);
                    check(y, x);
                    samples++;
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "overlap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void check(AssignmentMember x, AssignmentMember y) {
            Set<String> before = x.owned().keySet();
            Map<String, OwnedCamera> middle = y.owned();
            Set<String> after = x.owned().keySet();
            for (String id : middle.keySet()) {
                if (before.contains(id) && after.contains(id)) {
                    seen.add(id);
                }
            }
        }

        List<String> seen() {
            return List.copyOf(seen);
        }

        long samples() {
            return samples;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(2000);
        }
    }
}
