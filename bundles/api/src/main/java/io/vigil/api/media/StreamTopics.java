package io.vigil.api.media;

/** Event Admin topics about camera streams; one topic per kind so subscribers can filter. */
public final class StreamTopics {

    /**
     * A stream changed phase (connecting, streaming, reconnecting, failed, stopped). Properties:
     * {@code camera.id}, {@code phase}, {@code detail}, {@code decoder}, {@code codec} and the
     * figures {@code decoded}, {@code analysed}, {@code dropped}, {@code reconnects}.
     */
    public static final String STATE = "io/vigil/stream/STATE";

    private StreamTopics() {
    }
}
