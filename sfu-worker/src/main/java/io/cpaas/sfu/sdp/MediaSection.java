package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One m-section of a parsed SDP. Transport attributes (ICE credentials, fingerprints, setup) and the direction
 * are the effective ones: the section's own, or the session-level value when the section has none.
 *
 * @param kind            audio, video, application or other
 * @param media           the media type as written on the m= line
 * @param port            0 means the section is rejected (or disabled by the offerer)
 * @param protocol        {@code UDP/TLS/RTP/SAVPF}, {@code UDP/DTLS/SCTP}, …
 * @param formats         the formats of the m= line as written
 * @param payloadTypes    for RTP sections, one entry per format of the m= line, in its order (its preference)
 * @param ssrcs           the {@code a=ssrc} lines, one entry per SSRC in order of first appearance
 * @param candidates      the {@code a=candidate} values as written (the worker is ICE-lite and does not use them)
 */
public record MediaSection(
        MediaKind kind,
        String media,
        int port,
        String protocol,
        List<String> formats,
        Optional<String> mid,
        Direction direction,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<Fingerprint> fingerprints,
        Optional<SetupRole> setup,
        boolean rtcpMux,
        boolean rtcpReducedSize,
        List<PayloadType> payloadTypes,
        List<Extmap> extmaps,
        List<SsrcDescription> ssrcs,
        List<SsrcGroup> ssrcGroups,
        List<Rid> rids,
        Optional<Simulcast> simulcast,
        List<Msid> msids,
        List<String> candidates,
        boolean endOfCandidates) {

    public MediaSection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        payloadTypes = List.copyOf(payloadTypes);
        extmaps = List.copyOf(extmaps);
        ssrcs = List.copyOf(ssrcs);
        ssrcGroups = List.copyOf(ssrcGroups);
        rids = List.copyOf(rids);
        Objects.requireNonNull(simulcast, "simulcast");
        msids = List.copyOf(msids);
        candidates = List.copyOf(candidates);
    }

    /** Port 0: rejected in an answer, disabled in an offer. */
    public boolean isRejected() {
        return port == 0;
    }

    /** Whether the profile is RTP-based (the SAVPF family), so formats are payload types. */
    public boolean isRtp() {
        return isRtpProtocol(protocol);
    }

    public Optional<PayloadType> payloadType(int pt) {
        for (PayloadType p : payloadTypes) {
            if (p.payloadType() == pt) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The id of the first extmap with this URI. */
    public OptionalInt extmapId(String uri) {
        for (Extmap e : extmaps) {
            if (e.uri().equals(uri)) {
                return OptionalInt.of(e.id());
            }
        }
        return OptionalInt.empty();
    }

    public Optional<Rid> rid(String id) {
        for (Rid r : rids) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static boolean isRtpProtocol(String protocol) {
        return protocol.contains("RTP/");
    }
}
