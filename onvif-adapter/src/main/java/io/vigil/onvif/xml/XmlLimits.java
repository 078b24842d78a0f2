package io.vigil.onvif.xml;

/**
 * What a parsed document may cost: its size in bytes (counted on the byte stream, so an endless
 * response is cut off at the limit instead of being read whole), how deep its elements nest and
 * how many elements it has. Checked while parsing, not after.
 *
 * @param maxBytes    largest accepted document, in bytes
 * @param maxDepth    deepest accepted element nesting; the root element is at depth 1
 * @param maxElements most elements accepted in one document
 */
public record XmlLimits(int maxBytes, int maxDepth, int maxElements) {

    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** Room for large answers (GetEventProperties of a camera with many topics) while bounding the DOM's memory. */
    public static final int DEFAULT_MAX_ELEMENTS = 20_000;

    public static final XmlLimits DEFAULTS = new XmlLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);

    public XmlLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxElements < 1) {
            throw new IllegalArgumentException("XML limits must be positive: maxBytes=" + maxBytes
                    + ", maxDepth=" + maxDepth + ", maxElements=" + maxElements);
        }
    }

    public XmlLimits withMaxBytes(int bytes) {
        return new XmlLimits(bytes, maxDepth, maxElements);
    }

    public XmlLimits withMaxDepth(int depth) {
        return new XmlLimits(maxBytes, depth, maxElements);
    }

    public XmlLimits withMaxElements(int elements) {
        return new XmlLimits(maxBytes, maxDepth, elements);
    }
}
