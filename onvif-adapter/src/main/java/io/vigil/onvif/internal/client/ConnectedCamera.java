package io.vigil.onvif.internal.client;

import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.security.ClockOffset;
import java.net.URI;

/**
 * A camera Vigil has authenticated to and whose stream it resolved.
 *
 * @param device      what the camera says it is
 * @param profile     the profile chosen by the policy
 * @param streamUri   its RTSP URI, without user info (credentials go to the RTSP client separately)
 * @param media2      whether the profile and URI came from the Media2 service
 * @param clockOffset the camera's clock minus ours
 */
public record ConnectedCamera(DeviceInformation device, ChosenProfile profile, URI streamUri, boolean media2,
        ClockOffset clockOffset) {
}
