package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsers for the values of the attributes the worker reads, one static function per attribute, each either
 * returning the value or throwing {@link SdpParseException} naming the line.
 */
final class SdpAttributes {

    private SdpAttributes() {
    }

    /** An {@code a=rtpmap} value split up; the payload type is checked against the m= line by the caller. */
    record Rtpmap(int payloadType, String encodingName, int clockRate, int channels) {
    }

    static String iceUfrag(String value, int line) throws SdpParseException {
        // RFC 8839 §5.4: 4 to 256 ice-chars.
        if (!SdpSyntax.isIceChars(value, 4, 256)) {
            throw new SdpParseException("a=ice-ufrag must be 4 to 256 characters of A-Z a-z 0-9 + /, found "
                    + SdpSyntax.quote(value), line);
        }
        return value;
    }

    static String icePwd(String value, int line) throws SdpParseException {
        // RFC 8839 §5.4: 22 to 256 ice-chars.
        if (!SdpSyntax.isIceChars(value, 22, 256)) {
            throw new SdpParseException("a=ice-pwd must be 22 to 256 characters of A-Z a-z 0-9 + /, found "
                    + SdpSyntax.quote(value), line);
        }
        return value;
    }

    static Fingerprint fingerprint(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 2) {
            throw new SdpParseException("a=fingerprint must be '<hash-function> <hex:pairs>', found " + SdpSyntax.quote(value), line);
        }
        String problem = Fingerprint.problem(f.get(0), f.get(1));
        if (problem != null) {
            throw new SdpParseException(problem, line);
        }
        return new Fingerprint(f.get(0), f.get(1));
    }

    static SetupRole setup(String value, int line) throws SdpParseException {
        Optional<SetupRole> role = SetupRole.fromSdpName(value.trim());
        if (role.isEmpty()) {
            throw new SdpParseException("a=setup must be actpass, active, passive or holdconn, found " + SdpSyntax.quote(value), line);
        }
        return role.get();
    }

    static String mid(String value, int line) throws SdpParseException {
        // RFC 8843 carries the mid in an SDES item / header extension; keep it a short token.
        if (!SdpSyntax.isToken(value, 32)) {
            throw new SdpParseException("a=mid must be 1 to 32 token characters, found " + SdpSyntax.quote(value), line);
        }
        return value;
    }

    static SdpGroup group(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.isEmpty() || !SdpSyntax.isToken(f.get(0), 32)) {
            throw new SdpParseException("a=group must start with its semantics (BUNDLE), found " + SdpSyntax.quote(value), line);
        }
        Set<String> seen = new HashSet<>();
        for (String mid : f.subList(1, f.size())) {
            mid(mid, line);
            if (!seen.add(mid)) {
                throw new SdpParseException("a=group names mid " + SdpSyntax.quote(mid) + " twice", line);
            }
        }
        return new SdpGroup(f.get(0), f.subList(1, f.size()));
    }

    static Rtpmap rtpmap(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 2) {
            throw new SdpParseException("a=rtpmap must be '<pt> <name>/<clock rate>[/<channels>]', found " + SdpSyntax.quote(value), line);
        }
        int pt = SdpSyntax.parseInt(f.get(0), 0, 127, "a=rtpmap payload type", line);
        String[] parts = f.get(1).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !SdpSyntax.isToken(parts[0], 64)) {
            throw new SdpParseException("a=rtpmap encoding must be '<name>/<clock rate>[/<channels>]', found "
                    + SdpSyntax.quote(f.get(1)), line);
        }
        int clock = SdpSyntax.parseInt(parts[1], 1, Integer.MAX_VALUE, "a=rtpmap clock rate", line);
        int channels = parts.length == 3 ? SdpSyntax.parseInt(parts[2], 1, 255, "a=rtpmap channels", line) : 0;
        return new Rtpmap(pt, parts[0], clock, channels);
    }

    /** Splits {@code a=fmtp:<format> <parameters>} into format and parameters (possibly empty). */
    static String[] fmtp(String value, int line) throws SdpParseException {
        String trimmed = value.trim();
        int space = indexOfWhitespace(trimmed);
        String format = space < 0 ? trimmed : trimmed.substring(0, space);
        String params = space < 0 ? "" : trimmed.substring(space + 1).trim();
        if (!SdpSyntax.isToken(format, 64)) {
            throw new SdpParseException("a=fmtp must start with a format, found " + SdpSyntax.quote(value), line);
        }
        return new String[] {format, params};
    }

    /** fmtp parameters split on ';' into a map with lower-case keys; the first value of a key wins. */
    static Map<String, String> fmtpParameters(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : params.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String val = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (!key.isEmpty()) {
                out.putIfAbsent(key, val);
            }
        }
        return out;
    }

    /** {@code a=rtcp-fb:<pt|*> <type> [<subtype>…]}: returns {pt or "*", normalised feedback}. */
    static String[] rtcpFb(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 2) {
            throw new SdpParseException("a=rtcp-fb must be '<pt> <feedback>', found " + SdpSyntax.quote(value), line);
        }
        String pt = f.get(0);
        if (!pt.equals("*")) {
            SdpSyntax.parseInt(pt, 0, 127, "a=rtcp-fb payload type", line);
        }
        for (String token : f.subList(1, f.size())) {
            if (!SdpSyntax.isVisible(token, 64)) {
                throw new SdpParseException("a=rtcp-fb feedback " + SdpSyntax.quote(token) + " is not a token", line);
            }
        }
        return new String[] {pt, String.join(" ", f.subList(1, f.size()))};
    }

    static Extmap extmap(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 2) {
            throw new SdpParseException("a=extmap must be '<id>[/<direction>] <uri>', found " + SdpSyntax.quote(value), line);
        }
        String head = f.get(0);
        int slash = head.indexOf('/');
        int id = SdpSyntax.parseInt(slash < 0 ? head : head.substring(0, slash), 1, 255, "a=extmap id", line);
        Optional<Direction> direction = Optional.empty();
        if (slash >= 0) {
            direction = Direction.fromSdpName(head.substring(slash + 1));
            if (direction.isEmpty()) {
                throw new SdpParseException("a=extmap direction must be sendrecv, sendonly, recvonly or inactive, found "
                        + SdpSyntax.quote(head.substring(slash + 1)), line);
            }
        }
        String uri = f.get(1);
        if (!SdpSyntax.isVisible(uri, 1024)) {
            throw new SdpParseException("a=extmap URI " + SdpSyntax.quote(uri) + " is not valid", line);
        }
        String attributes = String.join(" ", f.subList(2, f.size()));
        return new Extmap(id, direction, uri, attributes);
    }

    static Msid msid(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.isEmpty() || f.size() > 2) {
            throw new SdpParseException("msid must be '<stream id> [<track id>]', found " + SdpSyntax.quote(value), line);
        }
        for (String id : f) {
            if (!SdpSyntax.isToken(id, Msid.MAX_ID_LENGTH)) {
                throw new SdpParseException("msid id " + SdpSyntax.quote(id) + " must be 1 to 64 token characters", line);
            }
        }
        return new Msid(f.get(0), f.size() == 2 ? Optional.of(f.get(1)) : Optional.empty());
    }

    static SsrcGroup ssrcGroup(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 2 || !SdpSyntax.isToken(f.get(0), 32)) {
            throw new SdpParseException("a=ssrc-group must be '<semantics> <ssrc>…', found " + SdpSyntax.quote(value), line);
        }
        List<Long> ssrcs = new ArrayList<>();
        for (String s : f.subList(1, f.size())) {
            ssrcs.add(SdpSyntax.parseSsrc(s, line));
        }
        String semantics = f.get(0);
        if ((semantics.equals(SsrcGroup.FID) || semantics.equals("FEC-FR")) && ssrcs.size() != 2) {
            throw new SdpParseException("a=ssrc-group:" + semantics + " must name exactly two SSRCs, found " + ssrcs.size(), line);
        }
        return new SsrcGroup(semantics, ssrcs);
    }

    static Rid rid(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 2 || f.size() > 3) {
            throw new SdpParseException("a=rid must be '<rid> send|recv [<restrictions>]', found " + SdpSyntax.quote(value), line);
        }
        String id = f.get(0);
        if (!SdpSyntax.isRidId(id)) {
            throw new SdpParseException("rid " + SdpSyntax.quote(id) + " must be letters, digits, '-' or '_'", line);
        }
        RidDirection direction;
        if (f.get(1).equals("send")) {
            direction = RidDirection.SEND;
        } else if (f.get(1).equals("recv")) {
            direction = RidDirection.RECV;
        } else {
            throw new SdpParseException("a=rid direction must be send or recv, found " + SdpSyntax.quote(f.get(1)), line);
        }
        List<Integer> pts = new ArrayList<>();
        Map<String, String> restrictions = new LinkedHashMap<>();
        if (f.size() == 3) {
            for (String part : f.get(2).split(";")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String val = eq < 0 ? "" : part.substring(eq + 1);
                if (key.equals("pt")) {
                    for (String pt : val.split(",")) {
                        pts.add(SdpSyntax.parseInt(pt, 0, 127, "a=rid pt", line));
                    }
                } else if (SdpSyntax.isToken(key, 64)) {
                    restrictions.putIfAbsent(key, val);
                } else {
                    throw new SdpParseException("a=rid restriction " + SdpSyntax.quote(part) + " is not '<name>=<value>'", line);
                }
            }
        }
        return new Rid(id, direction, pts, restrictions);
    }

    static Simulcast simulcast(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 2 && f.size() != 4) {
            throw new SdpParseException("a=simulcast must be 'send|recv <rid list>' once or twice, found " + SdpSyntax.quote(value), line);
        }
        List<List<Simulcast.RidRef>> send = null;
        List<List<Simulcast.RidRef>> recv = null;
        for (int i = 0; i < f.size(); i += 2) {
            String dir = f.get(i);
            List<List<Simulcast.RidRef>> streams = simulcastStreams(f.get(i + 1), line);
            if (dir.equals("send") && send == null) {
                send = streams;
            } else if (dir.equals("recv") && recv == null) {
                recv = streams;
            } else {
                throw new SdpParseException("a=simulcast direction must be send or recv, each at most once, found "
                        + SdpSyntax.quote(dir), line);
            }
        }
        return new Simulcast(send == null ? List.of() : send, recv == null ? List.of() : recv);
    }

    private static List<List<Simulcast.RidRef>> simulcastStreams(String list, int line) throws SdpParseException {
        List<List<Simulcast.RidRef>> streams = new ArrayList<>();
        for (String stream : list.split(";", -1)) {
            List<Simulcast.RidRef> alternatives = new ArrayList<>();
            for (String alt : stream.split(",", -1)) {
                boolean paused = alt.startsWith("~");
                String id = paused ? alt.substring(1) : alt;
                if (!SdpSyntax.isRidId(id)) {
                    throw new SdpParseException("a=simulcast names " + SdpSyntax.quote(alt) + ", which is not a rid", line);
                }
                alternatives.add(new Simulcast.RidRef(id, paused));
            }
            streams.add(alternatives);
        }
        return streams;
    }

    static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
