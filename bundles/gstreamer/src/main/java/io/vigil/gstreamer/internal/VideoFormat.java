package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;

/** What a mount sends: codec, frame size and rate, checked before anything is allocated for them. */
record VideoFormat(VideoCodec codec, int width, int height, int fps) {

    static final int MAX_SIDE = 4096;
    /** RTP/JPEG (RFC 2435) carries width and height in units of 8 pixels in one byte each. */
    static final int MAX_MJPEG_SIDE = 2040;
    static final int MAX_FPS = 120;

    static VideoFormat of(VideoCodec codec, int width, int height, int fps) throws MediaException {
        int maxSide = codec == VideoCodec.MJPEG ? MAX_MJPEG_SIDE : MAX_SIDE;
        // 4:2:0 encoders need even sides
        if (width < 16 || height < 16 || width > maxSide || height > maxSide || width % 2 != 0 || height % 2 != 0) {
            throw new MediaException("cannot serve " + codec + " at " + width + "x" + height
                    + ": width and height must be even and between 16 and " + maxSide);
        }
        if (fps < 1 || fps > MAX_FPS) {
            throw new MediaException("cannot serve " + fps + " frames a second: between 1 and " + MAX_FPS);
        }
        return new VideoFormat(codec, width, height, fps);
    }

    /** Raw video caps of this size and rate, square pixels. */
    String rawCaps() {
        return "video/x-raw,width=" + width + ",height=" + height + ",pixel-aspect-ratio=1/1,framerate=" + fps + "/1";
    }

    /** The same in one pixel format. */
    String rawCaps(String pixelFormat) {
        return "video/x-raw,format=" + pixelFormat + ",width=" + width + ",height=" + height
                + ",pixel-aspect-ratio=1/1,framerate=" + fps + "/1";
    }
}
