package dev.shimexec.tck.report;

/** Escaping for text put into HTML, SVG and XML. */
final class Markup {

    private Markup() {
    }

    /**
     * {@code text} with the five markup characters escaped, and with every character that XML 1.0 cannot
     * carry (control characters other than tab, newline and carriage return; lone surrogates) replaced by
     * U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(legal(text, i) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    /** {@code text} with the characters XML 1.0 cannot carry replaced by U+FFFD, and nothing escaped. */
    static String legal(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.append(legal(text, i) ? text.charAt(i) : '\uFFFD');
        }
        return out.toString();
    }

    private static boolean legal(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
