package io.vigil.ingest.internal;

import io.vigil.api.media.VideoCodec;
import java.util.Locale;
import java.util.Optional;

/**
 * The part of a camera's pipeline after rtspsrc, chosen once the camera's SDP says what it
 * sends: depayload, parse, decode, rate cap, convert to BGR, hand to the application. Built only
 * from element names and numbers; the camera's URI and credentials are set as properties, never
 * parsed from text.
 */
final class ChainDescription {

    static final String DECODER = "decoder";
    static final String PARSER = "parser";
    static final String RATE = "rate";
    static final String SINK = "sink";

    private ChainDescription() {
    }

    /** The codec an RTP caps' encoding-name stands for, if Vigil decodes it. */
    static Optional<VideoCodec> codecOf(String encodingName) {
        return switch (encodingName == null ? "" : encodingName.toUpperCase(Locale.ROOT)) {
            case "H264" -> Optional.of(VideoCodec.H264);
            case "H265" -> Optional.of(VideoCodec.H265);
            case "JPEG" -> Optional.of(VideoCodec.MJPEG);
            default -> Optional.empty();
        };
    }

    static String describe(VideoCodec codec, String decoder, StreamSettings settings) {
        String depayParse = switch (codec) {
            case H264 -> "rtph264depay ! h264parse name=" + PARSER;
            case H265 -> "rtph265depay ! h265parse name=" + PARSER;
            case MJPEG -> "rtpjpegdepay ! jpegparse name=" + PARSER;
        };
        StringBuilder chain = new StringBuilder(depayParse)
                .append(" ! ").append(decoder).append(" name=").append(DECODER)
                // drop-only: never invents frames; the cap applies before conversion, so frames
                // beyond it cost a decode but no colour conversion or copy
                .append(" ! videorate name=").append(RATE).append(" drop-only=true max-rate=")
                .append(maxRate(settings.maxFps()))
                .append(" ! videoconvert");
        if (settings.maxWidth() > 0 && settings.maxHeight() > 0) {
            chain.append(" ! videoscale ! capsfilter caps=\"video/x-raw,width=(int)[16,").append(settings.maxWidth())
                    .append("],height=(int)[16,").append(settings.maxHeight()).append("],pixel-aspect-ratio=(fraction)1/1\"");
        }
        chain.append(" ! video/x-raw,format=BGR")
                // one buffer, drop the older: the newest frame wins and nothing queues
                .append(" ! appsink name=").append(SINK).append(" sync=false max-buffers=1 drop=true emit-signals=true");
        return chain.toString();
    }

    /** videorate's max-rate is whole frames per second; a cap below 1 fps is rounded up to 1. */
    static int maxRate(double fps) {
        return (int) Math.max(1, Math.ceil(fps));
    }
}
