package io.vigil.api.camera;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The cameras Vigil knows, whether discovered, imported from the VMS or added by hand. Changes
 * are announced on Event Admin topic {@link #CHANGED} (property {@code camera.id}, {@code phase};
 * {@code removed=true} when a discovered device leaves the registry or a configured camera is
 * removed).
 */
@ProviderType
public interface CameraRegistry {

    String CHANGED = "io/vigil/camera/CHANGED";

    List<Camera> cameras();

    Optional<Camera> camera(String id);
}
