package io.vigil.api.media;

/** Where a frame's capture time came from. */
public enum CaptureClock {
    /** The camera's clock, from RTCP sender reports. */
    CAMERA_RTCP,
    /** The camera's clock, from the ONVIF RTP header extension's NTP timestamp. */
    CAMERA_ONVIF_EXTENSION,
    /** Vigil's clock when the frame arrived, corrected for latency: the camera sent no clock. */
    RECEIVER
}
