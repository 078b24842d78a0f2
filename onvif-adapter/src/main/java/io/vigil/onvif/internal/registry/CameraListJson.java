package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.StreamProfile;
import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code vigil cameras --json}: the cameras as data, in the shape documented in
 * docs/administrators.md ("vigil cameras --json"). A field is only ever added within a format;
 * renaming or removing one raises {@link #FORMAT}.
 */
final class CameraListJson {

    static final int FORMAT = 1;

    private CameraListJson() {
    }

    /**
     * @param onlyAnnounced ids of cameras known from WS-Discovery announcements, not from a configuration
     * @param restream a camera's restream for the VMS in words, empty while Vigil's ONVIF device is off
     */
    static String write(List<Camera> cameras, Set<String> onlyAnnounced, Function<String, Optional<String>> restream) {
        List<Object> list = new ArrayList<>();
        for (Camera camera : cameras) {
            StreamProfile profile = camera.streamProfile();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", camera.id());
            m.put("name", camera.name());
            m.put("configured", !onlyAnnounced.contains(camera.id()));
            m.put("state", camera.state().phase().name());
            m.put("detail", camera.state().detail());
            m.put("state_since", camera.state().since().toString());
            m.put("address", camera.onvifAddress().toString());
            m.put("vms_camera_id", camera.vmsCameraId().orElse(null));
            m.put("location", camera.location());
            m.put("profile", profile.profileToken());
            m.put("encoding", profile.encoding());
            m.put("width", profile.width());
            m.put("height", profile.height());
            m.put("stream", profile.streamUri().map(Object::toString).orElse(null));
            m.put("restream", restream.apply(camera.id()).orElse(null));
            list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("cameras", list);
        return Json.pretty(doc);
    }
}
