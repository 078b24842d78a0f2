package io.vigil.cluster.internal;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A camera-assignment member in a JVM of its own, so a test can kill it with SIGKILL as a crashed node: prints
 * {@code OWNED id,id,...} each time its cameras change. Arguments: bootstrap servers, node id, topic prefix,
 * camera partitions, session timeout ms, heartbeat ms.
 */
public final class AssignmentMemberProcess {

    private AssignmentMemberProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        ClusterOptions options = new ClusterOptions(args[0], args[1], args[2], 1, Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), null, null);
        AssignmentMember member = new AssignmentMember(new KafkaClientSettings(options, alias -> Optional.empty()),
                System.err::println);
        member.subscribe(owned -> {
            System.out.println("OWNED " + String.join(",", owned.keySet()));
            System.out.flush();
        });
        member.start();
        new CountDownLatch(1).await();
    }
}
