import io.cpaas.sfu.sdp.Fingerprint;
import io.cpaas.sfu.sdp.MediaKind;
import io.cpaas.sfu.sdp.MediaSection;
import io.cpaas.sfu.sdp.PayloadType;
import io.cpaas.sfu.sdp.SdpParseException;
import io.cpaas.sfu.sdp.SdpParser;
import io.cpaas.sfu.sdp.SessionDescription;
import io.cpaas.sfu.stun.IceCredentials;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The smallest SDP a browser could send that the servers accept: a publish offer with one Opus and
 * one VP8 m-section (BUNDLE, rtcp-mux, a=ssrc and msid so the server knows the SSRCs), and answers to
 * server offers that take each m-section's first payload type. Server SDP is read with the worker's
 * own parser.
 */
final class ClientSdp {

    static final int OPUS_PT = 111;
    static final int VP8_PT = 96;
    static final int AUDIO_LEVEL_ID = 1;
    static final int TRANSPORT_CC_ID = 3;
    static final String TRANSPORT_CC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    private ClientSdp() {
    }

    /**
     * @param setup     actpass as browsers offer; active makes the server the DTLS server (Janus would take the server's
     *                  role for itself on actpass)
     * @param candidate our host candidate, listed as a non-trickling browser does
     * @param audioLevel whether the audio carries the RFC 6464 level, as extension {@link #AUDIO_LEVEL_ID}
     * @param transportCc whether every packet carries a transport-wide sequence number ({@link #TRANSPORT_CC_ID})
     *                    for the server's congestion control feedback, as Chromium's do
     */
    static String publishOffer(IceCredentials ice, int audioSsrc, int videoSsrc, String setup, InetSocketAddress candidate,
                               boolean audioLevel, boolean transportCc) {
        String stream = UUID.randomUUID().toString();
        String cname = Long.toHexString(Integer.toUnsignedLong(videoSsrc));
        StringBuilder sdp = session("0 1");
        media(sdp, ice, "audio", "0", OPUS_PT, "opus/48000/2", setup, "sendonly", candidate);
        sdp.append("a=fmtp:111 minptime=10;useinbandfec=1\r\n");
        if (audioLevel) {
            sdp.append("a=extmap:").append(AUDIO_LEVEL_ID).append(" urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n");
        }
        if (transportCc) {
            transportCc(sdp, OPUS_PT, TRANSPORT_CC_ID);
        }
        ssrc(sdp, audioSsrc, cname, stream, UUID.randomUUID().toString());
        media(sdp, ice, "video", "1", VP8_PT, "VP8/90000", setup, "sendonly", candidate);
        sdp.append("a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n");
        if (transportCc) {
            transportCc(sdp, VP8_PT, TRANSPORT_CC_ID);
        }
        ssrc(sdp, videoSsrc, cname, stream, UUID.randomUUID().toString());
        return sdp.toString();
    }

    /**
     * Answers a server's offer: every m-section it sends is received with its first payload type; with
     * {@code transportCc}, also with the transport-wide sequence numbers the server offers (and their feedback).
     */
    static String answer(SessionDescription offer, IceCredentials ice, InetSocketAddress candidate, boolean transportCc) {
        List<String> mids = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            mids.add(m.mid().orElseThrow());
        }
        StringBuilder sdp = session(String.join(" ", mids));
        for (MediaSection m : offer.media()) {
            PayloadType pt = m.payloadTypes().get(0);
            String rtpmap = pt.encodingName() + "/" + pt.clockRate() + (pt.channels() > 1 ? "/" + pt.channels() : "");
            boolean sending = m.direction().name().equalsIgnoreCase("SENDONLY") || m.direction().name().equalsIgnoreCase("SENDRECV");
            media(sdp, ice, m.kind() == MediaKind.AUDIO ? "audio" : "video", m.mid().orElseThrow(), pt.payloadType(), rtpmap,
                    "active", sending ? "recvonly" : "inactive", candidate);
            if (pt.fmtp() != null && !pt.fmtp().isEmpty()) {
                sdp.append("a=fmtp:").append(pt.payloadType()).append(' ').append(pt.fmtp()).append("\r\n");
            }
            int id = transportCcId(m);
            if (transportCc && id > 0) {
                transportCc(sdp, pt.payloadType(), id);
            }
        }
        return sdp.toString();
    }

    /** The id a server's m-section gives the transport-wide sequence number, 0 when it offers none. */
    static int transportCcId(MediaSection m) {
        return m.extmaps().stream().filter(e -> e.uri().equals(TRANSPORT_CC_URI)).mapToInt(e -> e.id()).findFirst().orElse(0);
    }

    private static void transportCc(StringBuilder sdp, int pt, int id) {
        sdp.append("a=extmap:").append(id).append(' ').append(TRANSPORT_CC_URI).append("\r\n")
                .append("a=rtcp-fb:").append(pt).append(" transport-cc\r\n");
    }

    static SessionDescription parse(String sdp) {
        try {
            return SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("the server's SDP does not parse: " + e.getMessage(), e);
        }
    }

    /** The server's ICE credentials, DTLS fingerprint and first UDP host candidate. */
    record Remote(String ufrag, String password, String fingerprint, InetSocketAddress candidate) {
        static Remote of(SessionDescription sdp) {
            return of(sdp, null);
        }

        /** With {@code preferredIp}, the candidate on that address if the server lists one. */
        static Remote of(SessionDescription sdp, String preferredIp) {
            MediaSection first = sdp.media().get(0);
            String ufrag = first.iceUfrag().or(sdp::iceUfrag).orElseThrow(() -> new IllegalArgumentException("no ice-ufrag"));
            String pwd = first.icePwd().or(sdp::icePwd).orElseThrow(() -> new IllegalArgumentException("no ice-pwd"));
            List<Fingerprint> prints = first.fingerprints().isEmpty() ? sdp.fingerprints() : first.fingerprints();
            String fingerprint = prints.stream().filter(f -> f.algorithm().equalsIgnoreCase("sha-256")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no sha-256 fingerprint")).attributeValue();
            InetSocketAddress found = null;
            for (MediaSection m : sdp.media()) {
                for (String candidate : m.candidates()) {
                    // foundation component transport priority address port typ type ...
                    String[] f = candidate.split(" ");
                    if (f.length >= 8 && f[1].equals("1") && f[2].equalsIgnoreCase("udp") && f[4].matches("[0-9.]+")) {
                        if (found == null || f[4].equals(preferredIp)) {
                            found = new InetSocketAddress(f[4], Integer.parseInt(f[5]));
                        }
                    }
                }
            }
            if (found != null) {
                return new Remote(ufrag, pwd, fingerprint, found);
            }
            throw new IllegalArgumentException("no IPv4 UDP candidate in the server's SDP");
        }
    }

    private static StringBuilder session(String bundle) {
        return new StringBuilder(1024).append("v=0\r\no=- ").append(System.nanoTime() & 0x7FFFFFFFFFFFL)
                .append(" 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE ").append(bundle).append("\r\n")
                .append("a=msid-semantic: WMS\r\n");
    }

    private static void media(StringBuilder sdp, IceCredentials ice, String kind, String mid, int pt, String rtpmap, String setup,
                              String direction, InetSocketAddress candidate) {
        sdp.append("m=").append(kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n")
                .append("c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n")
                .append("a=ice-ufrag:").append(ice.ufrag()).append("\r\na=ice-pwd:").append(ice.password()).append("\r\n")
                .append("a=fingerprint:").append(DtlsClient.fingerprint()).append("\r\n")
                .append("a=setup:").append(setup).append("\r\na=mid:").append(mid).append("\r\n")
                .append("a=").append(direction).append("\r\na=rtcp-mux\r\n")
                .append("a=rtpmap:").append(pt).append(' ').append(rtpmap).append("\r\n")
                .append("a=candidate:1 1 udp 2130706431 ").append(candidate.getAddress().getHostAddress()).append(' ')
                .append(candidate.getPort()).append(" typ host\r\na=end-of-candidates\r\n");
    }

    private static void ssrc(StringBuilder sdp, int ssrc, String cname, String stream, String track) {
        long unsigned = Integer.toUnsignedLong(ssrc);
        sdp.append("a=msid:").append(stream).append(' ').append(track).append("\r\n")
                .append("a=ssrc:").append(unsigned).append(" cname:").append(cname).append("\r\n")
                .append("a=ssrc:").append(unsigned).append(" msid:").append(stream).append(' ').append(track).append("\r\n");
    }
}
