package io.cpaas.sfu.sdp;

import java.util.List;

/** Appends SDP lines with CRLF endings; knows the blocks both builders write the same way. */
final class SdpWriter {

    /** RFC 8445 §5.1.2.1 type preference for host candidates. */
    private static final int HOST_TYPE_PREFERENCE = 126;

    private final StringBuilder out = new StringBuilder(4096);

    SdpWriter line(String line) {
        out.append(line).append("\r\n");
        return this;
    }

    SdpWriter attribute(String name) {
        return line("a=" + name);
    }

    SdpWriter attribute(String name, String value) {
        return line("a=" + name + ":" + value);
    }

    /** v=, o=, s=, t=. */
    void sessionHeader(String sessionId, String sessionVersion) {
        line("v=0");
        line("o=- " + sessionId + " " + sessionVersion + " IN IP4 0.0.0.0");
        line("s=-");
        line("t=0 0");
    }

    void mediaLine(String media, int port, String protocol, List<String> formats) {
        line("m=" + media + " " + port + " " + protocol + " " + String.join(" ", formats));
    }

    void connection(LocalTransport local) {
        HostCandidate c = local.defaultCandidate();
        line("c=IN " + c.addressType() + " " + c.address());
    }

    void rejectedConnection() {
        line("c=IN IP4 0.0.0.0");
    }

    /** ICE credentials, fingerprint and DTLS role. */
    void transport(LocalTransport local, SetupRole role) {
        attribute("ice-ufrag", local.iceUfrag());
        attribute("ice-pwd", local.icePwd());
        attribute("fingerprint", local.fingerprint().attributeValue());
        attribute("setup", role.sdpName());
    }

    void extmap(Extmap e) {
        String head = e.direction().map(d -> e.id() + "/" + d.sdpName()).orElse(Integer.toString(e.id()));
        attribute("extmap", head + " " + e.uri() + (e.attributes().isEmpty() ? "" : " " + e.attributes()));
    }

    /** a=rtpmap, then a=rtcp-fb lines, then a=fmtp, in Chromium's order. */
    void payloadType(PayloadType p) {
        if (p.hasRtpmap()) {
            attribute("rtpmap", p.payloadType() + " " + p.encodingName() + "/" + p.clockRate()
                    + (p.channels() > 0 ? "/" + p.channels() : ""));
        }
        for (String fb : p.rtcpFeedback()) {
            attribute("rtcp-fb", p.payloadType() + " " + fb);
        }
        if (!p.fmtp().isEmpty()) {
            attribute("fmtp", p.payloadType() + " " + p.fmtp());
        }
    }

    /** All host candidates (component 1, UDP), then a=end-of-candidates: an ICE-lite agent has no more. */
    void candidates(LocalTransport local) {
        List<HostCandidate> candidates = local.candidates();
        for (int i = 0; i < candidates.size(); i++) {
            HostCandidate c = candidates.get(i);
            long localPreference = 65535 - i;
            long priority = ((long) HOST_TYPE_PREFERENCE << 24) | (localPreference << 8) | (256 - 1);
            attribute("candidate", (i + 1) + " 1 udp " + priority + " " + c.address() + " " + c.port() + " typ host");
        }
        attribute("end-of-candidates");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
