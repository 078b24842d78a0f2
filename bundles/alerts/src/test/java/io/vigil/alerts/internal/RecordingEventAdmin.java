package io.vigil.alerts.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps what was posted: Felix Event Admin is a framework service, used by the container tests. */
final class RecordingEventAdmin implements EventAdmin {

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void sendEvent(Event event) {
        postEvent(event);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until {@code count} events were posted, at most 10 s. */
    synchronized List<Event> await(int count) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (events.size() < count && System.currentTimeMillis() < until) {
            wait(100);
        }
        return List.copyOf(events);
    }
}
