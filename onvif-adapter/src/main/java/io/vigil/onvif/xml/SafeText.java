package io.vigil.onvif.xml;

/**
 * Text from the network made safe to put into an exception message or a log line: control and
 * formatting characters (line breaks included, so nobody can forge log lines) become spaces,
 * runs of spaces collapse, and long text is cut with an ellipsis.
 */
public final class SafeText {

    /** Default length of an excerpt in a message. */
    public static final int DEFAULT_MAX = 200;

    private SafeText() {
    }

    public static String excerpt(String text) {
        return excerpt(text, DEFAULT_MAX);
    }

    public static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean pendingSpace = false;
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        if (hasVisibleText(text, i)) {
            if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append('…');
        }
        return out.toString();
    }

    private static boolean hasVisibleText(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (!Character.isWhitespace(c) && !Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
