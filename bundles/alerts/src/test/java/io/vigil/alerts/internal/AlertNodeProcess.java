package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertFencedException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.cluster.OwnedCamera;
import io.vigil.cluster.internal.TestMember;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A cluster node's alert path in a JVM of its own, so a test can stop it with SIGSTOP as a stalled node: a real
 * camera-assignment member and a real alert store bound to it. Every 200 ms it stores one recognition for each camera
 * and epoch it ever owned (work started under that ownership, committed now), and prints
 * {@code STORED <camera> <epoch>} or {@code FENCED <camera> <epoch>}; {@code OWNED <camera>:<epoch>,...} each time
 * its cameras change; and {@code RESUMED <stalled ms>} before the first store after it stood still for a second or
 * more (checked before each store, so a stop in the middle of a round is seen too). Arguments: bootstrap servers, node id, topic prefix, camera partitions, session ms, heartbeat ms, data folder.
 */
public final class AlertNodeProcess {

    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(1);

    private AlertNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        TestMember member = TestMember.join(args[0], args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]));
        AlertService store = new AlertFixture(Path.of(args[6])).start();
        store.setCameraAssignment(member);
        member.subscribe(owned -> say("OWNED " + String.join(",", owned.values().stream()
                .map(c -> c.cameraId() + ":" + c.epoch()).toList())));
        RecognitionEvidence evidence = AlertFixture.evidence(1);
        Set<OwnedCamera> held = new LinkedHashSet<>();
        long last = System.nanoTime();
        long track = 0;
        while (true) {
            Thread.sleep(200);
            for (OwnedCamera c : List.copyOf(held)) {
                long now = System.nanoTime();
                if (now - last > STALL_NS) {
                    say("RESUMED " + TimeUnit.NANOSECONDS.toMillis(now - last));
                }
                last = now;
                try {
                    store.store(AlertFixture.recognition(c.cameraId(), ++track, "subj-1", 0.8f, 0.7f,
                            AlertFixture.T0.plusMillis(track), c.epoch()), evidence);
                    say("STORED " + c.cameraId() + " " + c.epoch());
                } catch (AlertFencedException e) {
                    say("FENCED " + c.cameraId() + " " + c.epoch());
                }
            }
            held.addAll(member.owned().values());
            last = System.nanoTime();
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
