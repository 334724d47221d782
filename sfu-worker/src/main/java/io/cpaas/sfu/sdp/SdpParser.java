package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an SDP (RFC 8866) as Chromium writes it in Unified Plan into a {@link SessionDescription}.
 *
 * <p>Tolerant where the RFCs ask for tolerance (unknown attributes and line types are ignored, LF alone ends a
 * line as well as CRLF), strict about structure: {@code v=0} first, one {@code o=} and {@code s=}, session lines
 * before the first {@code m=}, {@code type=value} lines of printable characters, well-formed values for the
 * attributes it reads, unique mids that every {@code a=group} refers to. Input is bounded by
 * {@link #MAX_SDP_BYTES}, {@link #MAX_LINE_CHARS} and {@link #MAX_MEDIA_SECTIONS}. Every failure, whatever the
 * input, is an {@link SdpParseException}.
 *
 * <p>Not read, because Chromium does not write them and the worker has no use for them: session-level
 * {@code a=extmap}, {@code c=}/{@code b=} lines, {@code a=rtcp}, {@code a=sctp-port}, {@code a=ptime}.
 */
public final class SdpParser {

    /** Largest SDP accepted, in UTF-8 bytes (256 KiB). */
    public static final int MAX_SDP_BYTES = 256 * 1024;
    /** Longest line accepted, in characters, line ending excluded (4 KiB). */
    public static final int MAX_LINE_CHARS = 4 * 1024;
    /** Most m-sections accepted in one SDP. */
    public static final int MAX_MEDIA_SECTIONS = 64;

    private String sessionId;
    private String sessionVersion;
    private boolean sawName;
    private boolean sawTime;
    private String iceUfrag;
    private String icePwd;
    private final List<Fingerprint> fingerprints = new ArrayList<>();
    private SetupRole setup;
    private Direction direction;
    private boolean iceLite;
    private List<String> iceOptions = List.of();
    private final List<SdpGroup> groups = new ArrayList<>();
    private final List<Integer> groupLines = new ArrayList<>();
    private String msidSemantic;
    private boolean extmapAllowMixed;

    private SdpParser() {
    }

    public static SessionDescription parse(String sdp) throws SdpParseException {
        if (sdp == null) {
            throw new SdpParseException("no SDP was given");
        }
        if (sdp.length() > MAX_SDP_BYTES || utf8Length(sdp) > MAX_SDP_BYTES) {
            throw new SdpParseException("the SDP is larger than the limit of " + MAX_SDP_BYTES + " bytes");
        }
        try {
            return new SdpParser().read(sdp);
        } catch (RuntimeException e) {
            // Not meant to happen; it keeps the promise that callers see one exception type whatever the input.
            throw new SdpParseException("unexpected parser failure (" + e.getClass().getSimpleName() + ")");
        }
    }

    private SessionDescription read(String sdp) throws SdpParseException {
        List<String> lines = splitLines(sdp);
        if (lines.isEmpty()) {
            throw new SdpParseException("the SDP is empty");
        }
        if (!lines.get(0).equals("v=0")) {
            throw new SdpParseException("the first line must be v=0, found " + SdpSyntax.quote(lines.get(0)), 1);
        }
        List<MediaSectionReader> readers = new ArrayList<>();
        MediaSectionReader current = null;
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'v':
                    throw new SdpParseException("v= may only be the first line", lineNo);
                case 'o':
                case 's':
                case 't':
                case 'r':
                case 'z':
                    if (current != null) {
                        throw new SdpParseException(type + "= belongs before the first m= line", lineNo);
                    }
                    sessionLine(type, value, lineNo);
                    break;
                case 'm':
                    if (readers.size() == MAX_MEDIA_SECTIONS) {
                        throw new SdpParseException("more than " + MAX_MEDIA_SECTIONS + " m-sections", lineNo);
                    }
                    requireSessionLines(lineNo);
                    current = MediaSectionReader.fromMediaLine(value, lineNo);
                    readers.add(current);
                    break;
                case 'a':
                    int colon = value.indexOf(':');
                    String name = colon < 0 ? value : value.substring(0, colon);
                    String attrValue = colon < 0 ? null : value.substring(colon + 1);
                    if (name.isEmpty()) {
                        throw new SdpParseException("attribute line has no name", lineNo);
                    }
                    if (current == null) {
                        sessionAttribute(name, attrValue, lineNo);
                    } else {
                        current.attribute(name, attrValue, lineNo);
                    }
                    break;
                default:
                    // i=, u=, e=, p=, c=, b=, k= and unknown types carry nothing the worker uses.
                    break;
            }
        }
        requireSessionLines(lines.size());
        MediaSectionReader.SessionDefaults defaults = new MediaSectionReader.SessionDefaults(iceUfrag, icePwd,
                List.copyOf(fingerprints), setup, direction != null ? direction : Direction.SENDRECV);
        List<MediaSection> media = new ArrayList<>();
        Set<String> mids = new HashSet<>();
        for (MediaSectionReader reader : readers) {
            Optional<String> mid = reader.mid();
            if (mid.isPresent() && !mids.add(mid.get())) {
                throw new SdpParseException("mid " + SdpSyntax.quote(mid.get()) + " is used by two m-sections", reader.firstLine());
            }
            media.add(reader.build(defaults));
        }
        for (int g = 0; g < groups.size(); g++) {
            for (String mid : groups.get(g).mids()) {
                if (!mids.contains(mid)) {
                    throw new SdpParseException("a=group:" + groups.get(g).semantics() + " names mid " + SdpSyntax.quote(mid)
                            + ", which no m-section has", groupLines.get(g));
                }
            }
        }
        return new SessionDescription(sessionId, sessionVersion, Optional.ofNullable(iceUfrag), Optional.ofNullable(icePwd),
                fingerprints, Optional.ofNullable(setup), iceLite, iceOptions, groups, Optional.ofNullable(msidSemantic),
                extmapAllowMixed, media);
    }

    private void sessionLine(char type, String value, int line) throws SdpParseException {
        switch (type) {
            case 'o':
                if (sessionId != null) {
                    throw new SdpParseException("o= appears twice", line);
                }
                origin(value, line);
                break;
            case 's':
                if (sawName) {
                    throw new SdpParseException("s= appears twice", line);
                }
                sawName = true;
                break;
            case 't':
                sawTime = true;
                break;
            default:
                break;
        }
    }

    /** {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}. */
    private void origin(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() != 6) {
            throw new SdpParseException("o= must have six fields, found " + f.size(), line);
        }
        if (!SdpSyntax.isDigits(f.get(1), 32) || !SdpSyntax.isDigits(f.get(2), 32)) {
            throw new SdpParseException("o= session id and version must be numbers, found " + SdpSyntax.quote(value), line);
        }
        sessionId = f.get(1);
        sessionVersion = f.get(2);
    }

    private void requireSessionLines(int line) throws SdpParseException {
        if (sessionId == null) {
            throw new SdpParseException("the o= line is missing from the session part", line);
        }
        if (!sawName) {
            throw new SdpParseException("the s= line is missing from the session part", line);
        }
        if (!sawTime) {
            throw new SdpParseException("the t= line is missing from the session part", line);
        }
    }

    private void sessionAttribute(String name, String value, int line) throws SdpParseException {
        switch (name) {
            case "ice-ufrag":
                String ufrag = SdpAttributes.iceUfrag(MediaSectionReader.required(name, value, line), line);
                iceUfrag = MediaSectionReader.once(iceUfrag, ufrag, name, line);
                break;
            case "ice-pwd":
                String pwd = SdpAttributes.icePwd(MediaSectionReader.required(name, value, line), line);
                icePwd = MediaSectionReader.once(icePwd, pwd, name, line);
                break;
            case "fingerprint":
                fingerprints.add(SdpAttributes.fingerprint(MediaSectionReader.required(name, value, line), line));
                break;
            case "setup":
                SetupRole role = SdpAttributes.setup(MediaSectionReader.required(name, value, line), line);
                setup = MediaSectionReader.once(setup, role, name, line);
                break;
            case "sendrecv":
            case "sendonly":
            case "recvonly":
            case "inactive":
                direction = MediaSectionReader.once(direction, Direction.fromSdpName(name).orElseThrow(), "direction", line);
                break;
            case "group":
                groups.add(SdpAttributes.group(MediaSectionReader.required(name, value, line), line));
                groupLines.add(line);
                break;
            case "ice-lite":
                iceLite = true;
                break;
            case "ice-options":
                iceOptions = SdpSyntax.fields(MediaSectionReader.required(name, value, line));
                break;
            case "msid-semantic":
                msidSemantic = MediaSectionReader.required(name, value, line).trim();
                break;
            case "extmap-allow-mixed":
                extmapAllowMixed = true;
                break;
            default:
                break;
        }
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // A surrogate pair is four bytes: two for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /**
     * Splits on LF, dropping one CR before it; checks each line's length, characters and {@code x=} form.
     * Blank lines are allowed only at the very end.
     */
    private static List<String> splitLines(String sdp) throws SdpParseException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = sdp.length();
        int blankAt = -1;
        while (start < n) {
            int end = sdp.indexOf('\n', start);
            int next = end < 0 ? n : end + 1;
            int stop = end < 0 ? n : end;
            if (stop > start && sdp.charAt(stop - 1) == '\r') {
                stop--;
            }
            int lineNo = lines.size() + 1;
            if (stop - start > MAX_LINE_CHARS) {
                throw new SdpParseException("line is longer than " + MAX_LINE_CHARS + " characters", lineNo);
            }
            if (stop == start) {
                if (blankAt < 0) {
                    blankAt = lineNo;
                }
                lines.add("");
                start = next;
                continue;
            }
            if (blankAt >= 0) {
                throw new SdpParseException("blank line inside the SDP", blankAt);
            }
            for (int i = start; i < stop; i++) {
                char c = sdp.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    throw new SdpParseException("control character " + String.format("0x%02X", (int) c) + " in line", lineNo);
                }
            }
            char type = sdp.charAt(start);
            if (stop - start < 2 || type < 'a' || type > 'z' || sdp.charAt(start + 1) != '=') {
                throw new SdpParseException("lines must look like '<letter>=<value>', found "
                        + SdpSyntax.quote(sdp.substring(start, stop)), lineNo);
            }
            lines.add(sdp.substring(start, stop));
            start = next;
        }
        if (blankAt >= 0) {
            return lines.subList(0, blankAt - 1);
        }
        return lines;
    }
}
