package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.List;

/** The small grammar rules of RFC 8866 and its extensions, shared by the parser, the builders and the model. */
final class SdpSyntax {

    private SdpSyntax() {
    }

    /** token-char of RFC 8866 §9. */
    static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    static boolean isToken(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Visible ASCII without space: what a URI, a cname or an encoding name may hold. */
    static boolean isVisible(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** ice-char of RFC 8839: ALPHA / DIGIT / "+" / "/". */
    static boolean isIceChars(String s, int minLength, int maxLength) {
        if (s == null || s.length() < minLength || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** rid-id of RFC 8851: ALPHA / DIGIT / "-" / "_". */
    static boolean isRidId(String s) {
        if (s == null || s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static int parseInt(String s, int min, int max, String what, int line) throws SdpParseException {
        if (!isDigits(s, 10)) {
            throw new SdpParseException(what + " must be a number from " + min + " to " + max + ", found " + quote(s), line);
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new SdpParseException(what + " must be from " + min + " to " + max + ", found " + v, line);
        }
        return (int) v;
    }

    static long parseSsrc(String s, int line) throws SdpParseException {
        if (!isDigits(s, 10)) {
            throw new SdpParseException("an SSRC must be a number from 0 to 4294967295, found " + quote(s), line);
        }
        long v = Long.parseLong(s);
        if (v > 0xFFFF_FFFFL) {
            throw new SdpParseException("an SSRC must be from 0 to 4294967295, found " + v, line);
        }
        return v;
    }

    /** Splits on runs of spaces and tabs; never returns empty fields. */
    static List<String> fields(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int start = i;
            while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** A short, printable excerpt of client text for error messages. */
    static String quote(String s) {
        if (s == null) {
            return "nothing";
        }
        StringBuilder b = new StringBuilder("\"");
        int limit = Math.min(s.length(), 60);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > limit) {
            b.append("…");
        }
        return b.append('"').toString();
    }
}
