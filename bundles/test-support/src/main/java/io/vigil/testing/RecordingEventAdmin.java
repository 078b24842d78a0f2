package io.vigil.testing;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Keeps what was posted or sent: Felix's Event Admin is tested by its makers and used by the
 * container tests; here what matters is what a component announces.
 */
public final class RecordingEventAdmin implements EventAdmin {

    private final List<Event> posted = new ArrayList<>();
    private final List<Event> sent = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
        notifyAll();
    }

    @Override
    public synchronized void sendEvent(Event event) {
        sent.add(event);
        notifyAll();
    }

    /** What was posted, in order. */
    public synchronized List<Event> posted() {
        return List.copyOf(posted);
    }

    /** What was sent synchronously, in order (Vigil posts; a test can check nothing was sent). */
    public synchronized List<Event> sent() {
        return List.copyOf(sent);
    }

    /** Waits until {@code count} events were posted, at most 10 s, and returns what was posted. */
    public synchronized List<Event> await(int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (posted.size() < count && System.currentTimeMillis() < until) {
            wait(100);
        }
        return List.copyOf(posted);
    }
}
