package io.vigil.cluster.internal;

import io.vigil.api.cluster.OwnedCamera;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A camera-assignment member in a JVM of its own, so a test can kill it with SIGKILL as a crashed node or stop it
 * with SIGSTOP as a stalled one: prints {@code OWNED id,id,...} each time its cameras change, and
 * {@code RESUMED <stalled ms> <still owned> <held>} when it runs again after standing still for a second or more,
 * where "still owned" is how many of the cameras it held before the stall {@code owns(camera, epoch)} still
 * affirms at its first check after it resumed, before Kafka can have told it anything. Arguments: bootstrap
 * servers, node id, topic prefix, camera partitions, session timeout ms, heartbeat ms.
 */
public final class AssignmentMemberProcess {

    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(1);

    private AssignmentMemberProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterOptions options = new ClusterOptions(args[0], args[1], args[2], 1, Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), null, null);
        AssignmentMember member = new AssignmentMember(new KafkaClientSettings(options, alias -> Optional.empty()),
                System.err::println);
        member.subscribe(owned -> say("OWNED " + String.join(",", owned.keySet())));
        member.start();
        // the stall watch: whatever this thread held last is checked first thing after it finds it stood still
        Map<String, OwnedCamera> held = member.owned();
        long last = System.nanoTime();
        while (true) {
            Thread.sleep(5);
            long now = System.nanoTime();
            if (now - last > STALL_NS) {
                long still = held.values().stream().filter(c -> member.owns(c.cameraId(), c.epoch())).count();
                say("RESUMED " + TimeUnit.NANOSECONDS.toMillis(now - last) + " " + still + " " + held.size());
            }
            held = member.owned();
            last = System.nanoTime();
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
