package io.vigil.api.face;

/** A point in frame pixels. */
public record Point(float x, float y) {
}
