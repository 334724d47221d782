package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the lines of one m-section while {@link SdpParser} walks the SDP, then builds the
 * {@link MediaSection}. Lines about payload types the m= line does not list are ignored (JSEP §5.8);
 * a second value for a single-valued attribute is an error.
 */
final class MediaSectionReader {

    /** What the session level says, inherited by sections that say nothing themselves. */
    record SessionDefaults(String iceUfrag, String icePwd, List<Fingerprint> fingerprints, SetupRole setup,
            Direction direction) {
    }

    private final int firstLine;
    private final MediaKind kind;
    private final String media;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    private final Set<Integer> payloadTypeNumbers = new HashSet<>();

    private String mid;
    private Direction direction;
    private String iceUfrag;
    private String icePwd;
    private final List<Fingerprint> fingerprints = new ArrayList<>();
    private SetupRole setup;
    private boolean rtcpMux;
    private boolean rtcpReducedSize;
    private boolean endOfCandidates;
    private final Map<Integer, SdpAttributes.Rtpmap> rtpmaps = new HashMap<>();
    private final Map<Integer, String> fmtps = new HashMap<>();
    private final Map<Integer, List<String>> rtcpFeedback = new HashMap<>();
    private final List<String> wildcardFeedback = new ArrayList<>();
    private final Map<Integer, Extmap> extmaps = new LinkedHashMap<>();
    private final Map<Long, String> cnames = new LinkedHashMap<>();
    private final Map<Long, Msid> ssrcMsids = new HashMap<>();
    private final List<SsrcGroup> ssrcGroups = new ArrayList<>();
    private final Map<String, Rid> rids = new LinkedHashMap<>();
    private Simulcast simulcast;
    private int simulcastLine;
    private final List<Msid> msids = new ArrayList<>();
    private final List<String> candidates = new ArrayList<>();

    private MediaSectionReader(int firstLine, MediaKind kind, String media, int port, String protocol, List<String> formats) {
        this.firstLine = firstLine;
        this.kind = kind;
        this.media = media;
        this.port = port;
        this.protocol = protocol;
        this.formats = formats;
    }

    /** Reads {@code m=<media> <port>[/<count>] <proto> <fmt> …}. */
    static MediaSectionReader fromMediaLine(String value, int line) throws SdpParseException {
        List<String> f = SdpSyntax.fields(value);
        if (f.size() < 4) {
            throw new SdpParseException("m= must be '<media> <port> <protocol> <format>…', found " + SdpSyntax.quote(value), line);
        }
        String media = f.get(0);
        if (!SdpSyntax.isToken(media, 32)) {
            throw new SdpParseException("m= media type " + SdpSyntax.quote(media) + " is not a token", line);
        }
        String portField = f.get(1);
        int slash = portField.indexOf('/');
        int port = SdpSyntax.parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "m= port", line);
        if (slash >= 0) {
            SdpSyntax.parseInt(portField.substring(slash + 1), 1, 65535, "m= port count", line);
        }
        String protocol = f.get(2);
        if (!isProtocol(protocol)) {
            throw new SdpParseException("m= protocol " + SdpSyntax.quote(protocol) + " is not valid", line);
        }
        List<String> formats = f.subList(3, f.size());
        MediaSectionReader reader =
                new MediaSectionReader(line, MediaKind.fromSdpName(media), media, port, protocol, List.copyOf(formats));
        for (String format : formats) {
            if (!SdpSyntax.isToken(format, 64)) {
                throw new SdpParseException("m= format " + SdpSyntax.quote(format) + " is not a token", line);
            }
            if (MediaSection.isRtpProtocol(protocol)) {
                int pt = SdpSyntax.parseInt(format, 0, 127, "m= payload type", line);
                if (!reader.payloadTypeNumbers.add(pt)) {
                    throw new SdpParseException("m= lists payload type " + pt + " twice", line);
                }
            }
        }
        return reader;
    }

    private static boolean isProtocol(String protocol) {
        if (protocol.isEmpty() || protocol.length() > 64 || protocol.startsWith("/") || protocol.endsWith("/")) {
            return false;
        }
        for (String part : protocol.split("/")) {
            if (!SdpSyntax.isToken(part, 64)) {
                return false;
            }
        }
        return true;
    }

    void attribute(String name, String value, int line) throws SdpParseException {
        switch (name) {
            case "mid":
                mid = once(mid, SdpAttributes.mid(required(name, value, line), line), name, line);
                break;
            case "sendrecv":
            case "sendonly":
            case "recvonly":
            case "inactive":
                direction = once(direction, Direction.fromSdpName(name).orElseThrow(), "direction", line);
                break;
            case "ice-ufrag":
                iceUfrag = once(iceUfrag, SdpAttributes.iceUfrag(required(name, value, line), line), name, line);
                break;
            case "ice-pwd":
                icePwd = once(icePwd, SdpAttributes.icePwd(required(name, value, line), line), name, line);
                break;
            case "fingerprint":
                fingerprints.add(SdpAttributes.fingerprint(required(name, value, line), line));
                break;
            case "setup":
                setup = once(setup, SdpAttributes.setup(required(name, value, line), line), name, line);
                break;
            case "rtcp-mux":
                rtcpMux = true;
                break;
            case "rtcp-rsize":
                rtcpReducedSize = true;
                break;
            case "rtpmap":
                rtpmap(required(name, value, line), line);
                break;
            case "fmtp":
                fmtp(required(name, value, line), line);
                break;
            case "rtcp-fb":
                rtcpFb(required(name, value, line), line);
                break;
            case "extmap":
                Extmap e = SdpAttributes.extmap(required(name, value, line), line);
                if (extmaps.putIfAbsent(e.id(), e) != null) {
                    throw new SdpParseException("a=extmap id " + e.id() + " is used twice in one m-section", line);
                }
                break;
            case "ssrc":
                ssrc(required(name, value, line), line);
                break;
            case "ssrc-group":
                ssrcGroups.add(SdpAttributes.ssrcGroup(required(name, value, line), line));
                break;
            case "rid":
                Rid rid = SdpAttributes.rid(required(name, value, line), line);
                if (rids.putIfAbsent(rid.id(), rid) != null) {
                    throw new SdpParseException("a=rid " + SdpSyntax.quote(rid.id()) + " is declared twice", line);
                }
                break;
            case "simulcast":
                simulcast = once(simulcast, SdpAttributes.simulcast(required(name, value, line), line), name, line);
                simulcastLine = line;
                break;
            case "msid":
                msids.add(SdpAttributes.msid(required(name, value, line), line));
                break;
            case "candidate":
                candidates.add(required(name, value, line).trim());
                break;
            case "end-of-candidates":
                endOfCandidates = true;
                break;
            default:
                // Unknown attributes are allowed by RFC 8866 §5.13 and ignored.
                break;
        }
    }

    private void rtpmap(String value, int line) throws SdpParseException {
        SdpAttributes.Rtpmap map = SdpAttributes.rtpmap(value, line);
        if (!payloadTypeNumbers.contains(map.payloadType())) {
            return;
        }
        if (rtpmaps.putIfAbsent(map.payloadType(), map) != null) {
            throw new SdpParseException("a=rtpmap for payload type " + map.payloadType() + " appears twice", line);
        }
    }

    private void fmtp(String value, int line) throws SdpParseException {
        String[] parts = SdpAttributes.fmtp(value, line);
        if (!MediaSection.isRtpProtocol(protocol)) {
            return;
        }
        int pt = SdpSyntax.parseInt(parts[0], 0, 127, "a=fmtp payload type", line);
        if (!payloadTypeNumbers.contains(pt)) {
            return;
        }
        if (fmtps.putIfAbsent(pt, parts[1]) != null) {
            throw new SdpParseException("a=fmtp for payload type " + pt + " appears twice", line);
        }
    }

    private void rtcpFb(String value, int line) throws SdpParseException {
        String[] parts = SdpAttributes.rtcpFb(value, line);
        if (parts[0].equals("*")) {
            addOnce(wildcardFeedback, parts[1]);
            return;
        }
        int pt = Integer.parseInt(parts[0]);
        if (payloadTypeNumbers.contains(pt)) {
            addOnce(rtcpFeedback.computeIfAbsent(pt, k -> new ArrayList<>()), parts[1]);
        }
    }

    private void ssrc(String value, int line) throws SdpParseException {
        String trimmed = value.trim();
        int space = SdpAttributes.indexOfWhitespace(trimmed);
        if (space < 0) {
            throw new SdpParseException("a=ssrc must be '<ssrc> <attribute>[:<value>]', found " + SdpSyntax.quote(value), line);
        }
        long ssrc = SdpSyntax.parseSsrc(trimmed.substring(0, space), line);
        String attribute = trimmed.substring(space + 1).trim();
        int colon = attribute.indexOf(':');
        String attrName = colon < 0 ? attribute : attribute.substring(0, colon);
        String attrValue = colon < 0 ? "" : attribute.substring(colon + 1);
        if (!SdpSyntax.isToken(attrName, 64)) {
            throw new SdpParseException("a=ssrc attribute " + SdpSyntax.quote(attrName) + " is not a token", line);
        }
        cnames.putIfAbsent(ssrc, null);
        if (attrName.equals("cname")) {
            if (!SdpSyntax.isVisible(attrValue, 255)) {
                throw new SdpParseException("a=ssrc cname must be 1 to 255 visible characters, found " + SdpSyntax.quote(attrValue), line);
            }
            String previous = cnames.get(ssrc);
            if (previous != null && !previous.equals(attrValue)) {
                throw new SdpParseException("SSRC " + ssrc + " is given two different cnames", line);
            }
            cnames.put(ssrc, attrValue);
        } else if (attrName.equals("msid")) {
            Msid msid = SdpAttributes.msid(attrValue, line);
            Msid previous = ssrcMsids.putIfAbsent(ssrc, msid);
            if (previous != null && !previous.equals(msid)) {
                throw new SdpParseException("SSRC " + ssrc + " is given two different msids", line);
            }
        }
    }

    Optional<String> mid() {
        return Optional.ofNullable(mid);
    }

    int firstLine() {
        return firstLine;
    }

    MediaSection build(SessionDefaults session) throws SdpParseException {
        if (simulcast != null) {
            for (RidDirection dir : RidDirection.values()) {
                for (String id : simulcast.rids(dir)) {
                    Rid rid = rids.get(id);
                    if (rid == null || rid.direction() != dir) {
                        throw new SdpParseException("a=simulcast names rid " + SdpSyntax.quote(id) + " with no matching a=rid:"
                                + id + " " + dir.sdpName(), simulcastLine);
                    }
                }
            }
        }
        List<PayloadType> payloadTypes = new ArrayList<>();
        if (MediaSection.isRtpProtocol(protocol)) {
            for (String format : formats) {
                int pt = Integer.parseInt(format);
                SdpAttributes.Rtpmap map = rtpmaps.get(pt);
                String fmtp = fmtps.getOrDefault(pt, "");
                List<String> feedback = new ArrayList<>(rtcpFeedback.getOrDefault(pt, List.of()));
                for (String fb : wildcardFeedback) {
                    addOnce(feedback, fb);
                }
                payloadTypes.add(new PayloadType(pt, map == null ? "" : map.encodingName(), map == null ? 0 : map.clockRate(),
                        map == null ? 0 : map.channels(), fmtp, SdpAttributes.fmtpParameters(fmtp), feedback));
            }
        }
        List<SsrcDescription> ssrcs = new ArrayList<>();
        for (Map.Entry<Long, String> e : cnames.entrySet()) {
            ssrcs.add(new SsrcDescription(e.getKey(), Optional.ofNullable(e.getValue()), Optional.ofNullable(ssrcMsids.get(e.getKey()))));
        }
        return new MediaSection(kind, media, port, protocol, formats, Optional.ofNullable(mid),
                direction != null ? direction : session.direction(),
                Optional.ofNullable(iceUfrag != null ? iceUfrag : session.iceUfrag()),
                Optional.ofNullable(icePwd != null ? icePwd : session.icePwd()),
                fingerprints.isEmpty() ? session.fingerprints() : fingerprints,
                Optional.ofNullable(setup != null ? setup : session.setup()),
                rtcpMux, rtcpReducedSize, payloadTypes, new ArrayList<>(extmaps.values()), ssrcs, ssrcGroups,
                new ArrayList<>(rids.values()), Optional.ofNullable(simulcast), msids, candidates, endOfCandidates);
    }

    static String required(String name, String value, int line) throws SdpParseException {
        if (value == null || value.isBlank()) {
            throw new SdpParseException("a=" + name + " needs a value", line);
        }
        return value;
    }

    static <T> T once(T current, T next, String name, int line) throws SdpParseException {
        if (current != null) {
            throw new SdpParseException("a=" + name + " is given twice at the same level", line);
        }
        return next;
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
