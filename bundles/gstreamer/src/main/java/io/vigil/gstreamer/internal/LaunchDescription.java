package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.VideoCodec;
import java.math.BigDecimal;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A gst-launch description of one mount's live stream, and the element factories it uses.
 *
 * <p>Every stream is live, so its frames are stamped with the server's running clock as a
 * camera's are and the RTCP sender reports map them to the server's wall clock. A test pattern is
 * live by itself. A file is looped by a {@link FileLoop} of its own and read from it with the
 * live intervideosrc. A photo clip is looped by multifilesrc, which is not live, so it is laid
 * over a live black backdrop by a compositor, which then produces frames on the backdrop's clock;
 * this needs nothing running while nobody watches. A recording is neither decoded nor encoded:
 * a {@link RecordingLoop} of its own pushes its frames, as recorded, into a live appsrc. An ONVIF
 * metadata stream is a live appsrc too, fed RTP packets by a {@link MetadataFeed}.
 *
 * @param pipeline the description, for gst_parse_launch
 * @param elements the element factories it needs
 */
record LaunchDescription(String pipeline, Set<String> elements) {

    LaunchDescription {
        elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
    }

    /** As gst_rtsp_media_factory_set_launch expects it: the whole pipeline as one bin. */
    String forFactory() {
        return "( " + pipeline + " )";
    }

    static LaunchDescription testPattern(VideoFormat format) {
        Chain chain = new Chain()
                .element("videotestsrc", "is-live=true", "pattern=ball")
                .caps(format.rawCaps());
        return encoded(chain, format).build();
    }

    /**
     * A test pattern whose encoded frames identity drops at random, before the payloader numbers
     * the packets: receivers see no gap in the RTP sequence, only frames whose references are
     * missing, as behind a camera's lossy link. Key frames stay every two seconds for recovery.
     */
    static LaunchDescription lossy(VideoFormat format, double dropProbability) {
        Chain chain = new Chain()
                .element("videotestsrc", "is-live=true", "pattern=ball")
                .caps(format.rawCaps());
        // plain decimal: a double's "1.0E-4" is not what a reader of the description expects
        String probability = BigDecimal.valueOf(dropProbability).stripTrailingZeros().toPlainString();
        encoder(chain, format).element("identity", "drop-probability=" + probability);
        return payloader(chain, format.codec()).build();
    }

    /**
     * What a {@link RecordingLoop} plays: {@code file} (an existing, absolute path) demuxed and
     * parsed, never decoded, into Annex B access units with the parameter sets before every key
     * frame, so a receiver can start at any key frame. The appsink does not wait for the clock:
     * the loop holds each frame until it is due, and so paces the reading.
     */
    static LaunchDescription recordingFeed(Path file, VideoCodec codec) throws MediaException {
        return new Chain()
                .element("filesrc", "location=" + quoted("recording", file.toString()))
                .element("parsebin")
                .element(parser(codec), "config-interval=-1")
                .caps(encodedCaps(codec))
                .element("appsink", "name=" + RecordingLoop.SINK_NAME, "sync=false", "emit-signals=true",
                        "max-buffers=1")
                .build();
    }

    /**
     * The mount's pipeline for a recording: a live appsrc that a {@link RecordingLoop} pushes the
     * frames into, payloaded as they are. At most a second of frames waits in it, oldest dropped
     * first, should the pipeline stall.
     */
    static LaunchDescription recording(VideoCodec codec) {
        Chain chain = new Chain()
                .element("appsrc", "name=" + RecordingLoop.SOURCE_NAME, "is-live=true", "format=time",
                        "caps=\"" + encodedCaps(codec) + "\"", "max-time=1000000000", "leaky-type=downstream");
        return payloader(chain, codec).build();
    }

    /**
     * A camera's stream relayed as encoded: rtspsrc (named {@link #RELAY_SOURCE}; its location and
     * login are set on the element when each pipeline is built, so they never appear in a launch
     * description, a log or an error) ! depayloader ! parser ! payloader. TCP, as a VMS's camera
     * link usually is, and 200 ms of jitter buffer instead of rtspsrc's 2 s.
     */
    static LaunchDescription relay(VideoCodec codec) {
        Chain chain = new Chain()
                .element("rtspsrc", "name=" + RELAY_SOURCE, "latency=200", "protocols=tcp")
                .element(switch (codec) {
                    case H264 -> "rtph264depay";
                    case H265 -> "rtph265depay";
                    case MJPEG -> throw new IllegalArgumentException("MJPEG cameras are not relayed");
                })
                .element(parser(codec), "config-interval=-1");
        return payloader(chain, codec).build();
    }

    /** The name of a relay's rtspsrc in its pipeline. */
    static final String RELAY_SOURCE = "relaysrc";

    /**
     * An ONVIF metadata stream: a live appsrc that a {@link MetadataFeed} pushes ready-made RTP
     * packets into ({@link RtpPacketiser}). GStreamer has no payloader for this encoding, and
     * gst-rtsp-server takes any element named pay0 as one, so the appsrc is named so; its caps
     * are what the SDP is made of. At most a megabyte of packets waits in it, oldest dropped
     * first, should the pipeline stall.
     *
     * <p>gst-rtsp-server asks the payloader for its "pt" when it collects each pipeline's streams,
     * to keep retransmission and FEC payload types clear of it; an appsrc has none, so GLib warns
     * once per pipeline ("no property named 'pt'"; {@link AppsrcPayloaderWarning} drops that one
     * warning). Neither is used here, and the SDP's payload type comes from the caps. GStreamer
     * 1.24's rtppassthroughpay would have one.
     */
    static LaunchDescription metadata() {
        return new Chain()
                .element("appsrc", "name=" + METADATA_SOURCE, "is-live=true", "format=time",
                        "caps=\"" + METADATA_CAPS + "\"", "max-bytes=1048576", "leaky-type=downstream")
                .build();
    }

    /** The name of a metadata stream's appsrc, which gst-rtsp-server takes for the payloader. */
    static final String METADATA_SOURCE = "pay0";

    /** The RTP caps of a metadata stream's packets, without what each pipeline's packetiser adds. */
    static final String METADATA_CAPS = "application/x-rtp,media=(string)application,clock-rate=(int)"
            + RtpPacketiser.CLOCK_RATE + ",encoding-name=(string)VND.ONVIF.METADATA,payload=(int)"
            + RtpPacketiser.PAYLOAD_TYPE;

    /** Annex B access units, what a parser gives and every payloader takes. */
    private static String encodedCaps(VideoCodec codec) {
        return switch (codec) {
            case H264 -> "video/x-h264,stream-format=byte-stream,alignment=au";
            case H265 -> "video/x-h265,stream-format=byte-stream,alignment=au";
            case MJPEG -> throw new IllegalArgumentException("MJPEG recordings are not served as recorded");
        };
    }

    private static String parser(VideoCodec codec) {
        return switch (codec) {
            case H264 -> "h264parse";
            case H265 -> "h265parse";
            case MJPEG -> throw new IllegalArgumentException("MJPEG recordings are not served as recorded");
        };
    }

    /** The frames a {@link FileLoop} sends to {@code channel}, read live and encoded. */
    static LaunchDescription fileLoop(String channel, VideoFormat format) throws MediaException {
        Chain chain = new Chain()
                .element("intervideosrc", "channel=" + quoted("channel", channel))
                .caps(format.rawCaps("I420"));
        return encoded(chain, format).build();
    }

    /**
     * What a {@link FileLoop} plays: {@code file} (an existing, absolute path) decoded, scaled with
     * borders and rated to exactly the caps intervideosrc is given, which shows black otherwise.
     */
    static LaunchDescription fileFeed(Path file, VideoFormat format, String channel) throws MediaException {
        return new Chain()
                .element("filesrc", "location=" + quoted("video file", file.toString()))
                .element("decodebin")
                .element("videoconvert")
                .element("videoscale", "add-borders=true")
                .element("videorate")
                .caps(format.rawCaps("I420"))
                .element("intervideosink", "channel=" + quoted("channel", channel))
                .build();
    }

    /**
     * Frames named {@link PhotoFrames#NAME_PATTERN} in {@code folder}, already of the stream's
     * size, each shown for {@code perPhoto}, looped.
     */
    static LaunchDescription photoFrames(Path folder, int count, Duration perPhoto, VideoFormat format)
            throws MediaException {
        // multifilesrc expands the location with printf: a '%' in the folder must be doubled
        String location = folder.toString().replace("%", "%%") + "/" + PhotoFrames.NAME_PATTERN;
        Chain chain = overLiveBackdrop(format)
                .element("multifilesrc", "location=" + quoted("photo folder", location), "loop=true",
                        "stop-index=" + (count - 1), "caps=\"image/jpeg,framerate=(fraction)" + photoRate(perPhoto) + "\"")
                // jpegdec stamps the frames from that framerate; videorate repeats each photo
                .element("jpegdec")
                .element("videoconvert")
                .element("videorate")
                .caps(format.rawCaps())
                .into("mix.sink_1");
        return chain.build();
    }

    /**
     * {@code value} as a double-quoted launch value that GStreamer reads back unchanged: inside
     * double quotes its parser takes every character literally except '\', which escapes the
     * next one, and '"', which ends the value; both are escaped. So quotes, spaces, '!' or '\'
     * in a file name can neither break nor extend the pipeline.
     *
     * @throws MediaException for control characters and text that is not valid Unicode, which no
     *         media file name needs and which GStreamer's parser does not promise to carry
     */
    static String quoted(String what, String value) throws MediaException {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new MediaException("the " + what + " name contains control characters (" + printable(value)
                    + "); rename it without them");
        }
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new MediaException("the " + what + " name is not valid Unicode (" + printable(value) + ")", e);
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String printable(String value) {
        return value.replaceAll("\\p{Cntrl}", "?");
    }

    /** One photo per {@code perPhoto} as a caps fraction, e.g. 1.5 s: 2/3. */
    static String photoRate(Duration perPhoto) throws MediaException {
        if (perPhoto.compareTo(Duration.ofMillis(1)) < 0 || perPhoto.compareTo(Duration.ofDays(1)) > 0) {
            throw new MediaException("each photo must be shown between 1 ms and 1 day, not " + perPhoto);
        }
        long millis = perPhoto.toMillis();
        long gcd = gcd(1000, millis);
        return (1000 / gcd) + "/" + (millis / gcd);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The compositor and its live backdrop; the chain continues with the branch for mix.sink_1. */
    private static Chain overLiveBackdrop(VideoFormat format) {
        Chain chain = new Chain().element("compositor", "name=mix", "background=black")
                .caps(format.rawCaps());
        return encoded(chain, format)
                .branch()
                .element("videotestsrc", "is-live=true", "pattern=black")
                .caps(format.rawCaps())
                .into("mix.sink_0")
                .branch();
    }

    /** Appends the encoder and the payloader gst-rtsp-server looks for (pay0). */
    private static Chain encoded(Chain chain, VideoFormat format) {
        return payloader(encoder(chain, format), format.codec());
    }

    private static Chain encoder(Chain chain, VideoFormat format) {
        // I420 is what every encoder and RTP/JPEG (4:2:0 only) take
        chain.element("videoconvert").caps("video/x-raw,format=I420");
        String keyframes = "key-int-max=" + (2 * format.fps()); // a key frame every two seconds
        return switch (format.codec()) {
            case H264 -> chain.element("x264enc", "tune=zerolatency", "speed-preset=ultrafast", keyframes);
            case H265 -> chain.element("x265enc", "tune=zerolatency", "speed-preset=ultrafast", keyframes);
            case MJPEG -> chain.element("jpegenc");
        };
    }

    /** The payloader gst-rtsp-server looks for (pay0); H.264 and H.265 repeat the parameter sets at each key frame. */
    private static Chain payloader(Chain chain, VideoCodec codec) {
        return switch (codec) {
            case H264 -> chain.element("rtph264pay", "name=pay0", "pt=96", "config-interval=-1");
            case H265 -> chain.element("rtph265pay", "name=pay0", "pt=96", "config-interval=-1");
            case MJPEG -> chain.element("rtpjpegpay", "name=pay0", "pt=26");
        };
    }

    /** Builds the text and the element list together, so neither can forget one. */
    private static final class Chain {

        private final StringBuilder text = new StringBuilder();
        private final Set<String> elements = new LinkedHashSet<>();
        private boolean linking;

        Chain element(String factory, String... properties) {
            link();
            elements.add(factory);
            text.append(factory);
            for (String property : properties) {
                if (!property.isEmpty()) {
                    text.append(' ').append(property);
                }
            }
            return this;
        }

        Chain caps(String caps) {
            link();
            text.append(caps);
            return this;
        }

        /** Links to a named element's pad, e.g. {@code mix.sink_0}. */
        Chain into(String pad) {
            link();
            text.append(pad);
            return this;
        }

        /** Starts an unlinked branch. */
        Chain branch() {
            text.append("  ");
            linking = false;
            return this;
        }

        private void link() {
            if (linking) {
                text.append(" ! ");
            }
            linking = true;
        }

        LaunchDescription build() {
            return new LaunchDescription(text.toString().strip(), elements);
        }
    }
}
