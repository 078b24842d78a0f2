package io.vigil.onvif.internal.client;

import io.vigil.onvif.message.Resolution;

/** The profile Vigil streams from a camera. */
public record ChosenProfile(String token, String name, String encoding, Resolution resolution) {
}
