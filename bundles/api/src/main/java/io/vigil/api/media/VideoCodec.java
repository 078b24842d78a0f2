package io.vigil.api.media;

/** Video encodings Vigil ingests and serves. */
public enum VideoCodec { H264, H265, MJPEG }
