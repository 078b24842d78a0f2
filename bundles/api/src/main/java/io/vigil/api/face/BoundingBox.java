package io.vigil.api.face;

/** A rectangle in frame pixels: top-left corner, width and height. */
public record BoundingBox(float x, float y, float width, float height) {
}
