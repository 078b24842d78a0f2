package io.vigil.inference.internal;

/**
 * Nanoseconds spent per pipeline stage, added up by whoever wants them (the bench); the frame
 * path passes {@link #NONE} and pays one branch per stage.
 */
class StageTimes {

    static final StageTimes NONE = new StageTimes() {
        @Override
        void add(Stage stage, long nanos) {
        }
    };

    enum Stage { DETECT, LANDMARKS, ALIGN, EMBED }

    private final long[] nanos = new long[Stage.values().length];
    private final long[] counts = new long[Stage.values().length];

    void add(Stage stage, long nanos) {
        this.nanos[stage.ordinal()] += nanos;
        this.counts[stage.ordinal()]++;
    }

    long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    long count(Stage stage) {
        return counts[stage.ordinal()];
    }

    boolean recording() {
        return this != NONE;
    }
}
