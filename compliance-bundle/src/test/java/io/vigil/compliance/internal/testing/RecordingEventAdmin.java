package io.vigil.compliance.internal.testing;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Keeps what was posted; Felix's Event Admin is tested by its makers, here what matters is what is posted. */
public final class RecordingEventAdmin implements EventAdmin {

    public final List<Event> posted = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        throw new AssertionError("this module posts its events, never sends them synchronously");
    }
}
