package io.vigil.compliance.internal.deployment;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps what was posted; Felix's Event Admin is tested by its makers, here what matters is what is posted. */
final class RecordingEventAdmin implements EventAdmin {

    final List<Event> posted = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("deployment changes are posted, never sent synchronously");
    }
}
