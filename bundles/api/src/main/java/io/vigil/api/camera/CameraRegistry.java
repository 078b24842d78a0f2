package io.vigil.api.camera;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The cameras Vigil knows, whether discovered, imported from the VMS or added by hand. */
@ProviderType
public interface CameraRegistry {

    List<Camera> cameras();

    Optional<Camera> camera(String id);
}
