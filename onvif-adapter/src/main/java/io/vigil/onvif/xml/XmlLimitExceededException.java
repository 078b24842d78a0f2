package io.vigil.onvif.xml;

/** A document over one of the {@link XmlLimits}, or over one of the JDK parser's own limits. */
public final class XmlLimitExceededException extends XmlException {

    private static final long serialVersionUID = 1L;

    /** Which limit was crossed. */
    public enum Limit {
        /** {@link XmlLimits#maxBytes()} */
        SIZE,
        /** {@link XmlLimits#maxDepth()} */
        DEPTH,
        /** {@link XmlLimits#maxElements()} */
        ELEMENTS,
        /** a limit of the JDK parser (attributes per element, name length, entity sizes) */
        PARSER
    }

    private final Limit limit;

    public XmlLimitExceededException(Limit limit, String message) {
        this(limit, message, null);
    }

    public XmlLimitExceededException(Limit limit, String message, Throwable cause) {
        super(message, cause);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}
