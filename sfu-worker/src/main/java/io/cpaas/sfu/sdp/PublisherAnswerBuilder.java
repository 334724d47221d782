package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers the offer of a publish connection, where the client sends and the worker only receives (JSEP,
 * RFC 8829 §5.3). Every offered m-section is answered in order with its mid: audio and video are received
 * ({@code recvonly}) when they are bundled, rtcp-muxed and offer a codec of {@link PublisherCodecPolicy};
 * everything else, data channels included (data goes over signaling), is rejected with port 0 and left out of
 * the BUNDLE group (RFC 8843 §7.3.3). The worker is ICE-lite and the DTLS server ({@code a=setup:passive}).
 *
 * <p>The answer's o= line carries the offer's session version, so it grows with every renegotiation. Pure and
 * thread-safe.
 */
public final class PublisherAnswerBuilder {

    private final LocalTransport local;
    private final String sessionId;

    /**
     * @param local     the worker's ICE credentials, certificate fingerprint and host candidates for this connection
     * @param sessionId the o= session id, random and fixed for the connection's lifetime
     */
    public PublisherAnswerBuilder(LocalTransport local, long sessionId) {
        this.local = java.util.Objects.requireNonNull(local, "local");
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must not be negative");
        }
        this.sessionId = Long.toString(sessionId);
    }

    public PublisherAnswer answer(String offerSdp) throws SdpParseException {
        return answer(SdpParser.parse(offerSdp));
    }

    public PublisherAnswer answer(SessionDescription offer) throws SdpParseException {
        if (offer.media().isEmpty()) {
            throw new SdpParseException("the offer has no m-sections: add an audio or video track before offering");
        }
        for (int i = 0; i < offer.media().size(); i++) {
            MediaSection m = offer.media().get(i);
            if (m.mid().isEmpty()) {
                throw new SdpParseException("m-section " + (i + 1) + " (" + m.media()
                        + ") has no a=mid; only Unified Plan offers are supported");
            }
        }
        List<String> bundle = bundledMids(offer);
        List<SectionAnswer> answers = new ArrayList<>();
        Set<String> accepted = new HashSet<>();
        for (MediaSection section : offer.media()) {
            SectionAnswer a = decide(section, bundle.contains(section.mid().get()));
            answers.add(a);
            if (a.accepted()) {
                accepted.add(section.mid().get());
            }
        }
        // The answerer-tagged section is the first accepted mid in the offer's BUNDLE order (RFC 8843 §7.3.1).
        List<String> answerBundle = bundle.stream().filter(accepted::contains).toList();
        Optional<RemoteTransport> remote = Optional.empty();
        if (!answerBundle.isEmpty()) {
            MediaSection tagged = offer.mediaByMid(answerBundle.get(0)).orElseThrow();
            remote = Optional.of(RemoteTransport.of(tagged, offeredSetup(tagged), "offer"));
        }
        List<NegotiatedMedia> negotiated = answers.stream().map(SectionAnswer::negotiated).toList();
        return new PublisherAnswer(write(offer, answerBundle, answers), remote, negotiated);
    }

    private static List<String> bundledMids(SessionDescription offer) throws SdpParseException {
        Optional<SdpGroup> group = offer.bundleGroup();
        if (group.isPresent()) {
            return group.get().mids();
        }
        if (offer.media().size() == 1) {
            return List.of(offer.media().get(0).mid().get());
        }
        throw new SdpParseException("the offer has no a=group:BUNDLE; the worker carries a connection on one transport "
                + "(create the RTCPeerConnection with bundlePolicy 'max-bundle')");
    }

    /** The worker is always the DTLS server: it takes actpass or active, never passive. */
    private static SetupRole offeredSetup(MediaSection tagged) throws SdpParseException {
        // RFC 8842 asks offers for actpass; a missing a=setup is read the same way.
        SetupRole role = tagged.setup().orElse(SetupRole.ACTPASS);
        if (role == SetupRole.PASSIVE || role == SetupRole.HOLDCONN) {
            throw new SdpParseException("the offer says a=setup:" + role.sdpName()
                    + "; offer a=setup:actpass so the worker can be the DTLS server");
        }
        return role;
    }

    /** The answer to one offered section: rejected with a reason, or the payload types, extensions and rids taken. */
    private record SectionAnswer(MediaSection offered, Optional<String> rejectedBecause, List<PayloadType> payloadTypes,
            List<Extmap> extmaps, List<Rid> rids, List<List<Simulcast.RidRef>> simulcast) {

        boolean accepted() {
            return rejectedBecause.isEmpty();
        }

        Direction direction() {
            return offered.direction().sends() ? Direction.RECVONLY : Direction.INACTIVE;
        }

        NegotiatedMedia negotiated() {
            String mid = offered.mid().get();
            if (!accepted()) {
                return NegotiatedMedia.rejected(mid, offered.kind(), rejectedBecause.get());
            }
            List<PayloadType> codecs = new ArrayList<>();
            Map<Integer, Integer> rtx = new LinkedHashMap<>();
            for (PayloadType p : payloadTypes) {
                Optional<Integer> apt = p.associatedPayloadType();
                if (apt.isPresent()) {
                    rtx.put(apt.get(), p.payloadType());
                } else {
                    codecs.add(p);
                }
            }
            Map<String, Integer> extensionIds = new LinkedHashMap<>();
            for (Extmap e : extmaps) {
                extensionIds.putIfAbsent(e.uri(), e.id());
            }
            return new NegotiatedMedia(mid, offered.kind(), true, Optional.empty(), direction(), codecs, rtx, extensionIds,
                    offered.ssrcs(), offered.ssrcGroups(), offered.msids(), rids.stream().map(Rid::id).toList());
        }
    }

    private static SectionAnswer decide(MediaSection section, boolean bundled) {
        String reason = null;
        List<PayloadType> chosen = List.of();
        if (section.isRejected()) {
            reason = "the offer disabled it (port 0)";
        } else if (section.kind() == MediaKind.APPLICATION) {
            reason = "data channels are not carried on media connections; data goes over the signaling connection";
        } else if (section.kind() == MediaKind.OTHER) {
            reason = "media type " + section.media() + " is not supported";
        } else if (!section.protocol().endsWith("RTP/SAVPF")) {
            reason = "protocol " + section.protocol() + " is not DTLS-SRTP (UDP/TLS/RTP/SAVPF)";
        } else if (!bundled) {
            reason = "it is not in the BUNDLE group";
        } else if (!section.rtcpMux()) {
            reason = "it does not offer a=rtcp-mux";
        } else {
            chosen = PublisherCodecPolicy.choose(section);
            if (chosen.isEmpty()) {
                reason = section.kind() == MediaKind.AUDIO ? "no Opus offered"
                        : "none of VP8, VP9 profile 0 or H.264 packetization-mode 1 offered";
            }
        }
        if (reason != null) {
            return new SectionAnswer(section, Optional.of(reason), List.of(), List.of(), List.of(), List.of());
        }
        List<Extmap> extmaps = new ArrayList<>();
        for (Extmap e : section.extmaps()) {
            if (!RtpExtensions.ACCEPTED_FROM_PUBLISHERS.contains(e.uri())) {
                continue;
            }
            if (e.direction().isEmpty()) {
                extmaps.add(new Extmap(e.id(), Optional.empty(), e.uri(), ""));
            } else if (e.direction().get().sends()) {
                // RFC 8285 §6: an extension the offerer only sends is one the answerer only receives.
                extmaps.add(new Extmap(e.id(), Optional.of(Direction.RECVONLY), e.uri(), ""));
            }
        }
        List<Rid> rids = new ArrayList<>();
        List<List<Simulcast.RidRef>> streams = new ArrayList<>();
        boolean ridNegotiated = extmaps.stream().anyMatch(e -> e.uri().equals(RtpExtensions.RTP_STREAM_ID));
        if (section.simulcast().isPresent() && section.direction().sends() && ridNegotiated) {
            answerSimulcast(section, chosen, rids, streams);
        }
        return new SectionAnswer(section, Optional.empty(), chosen, extmaps, rids, streams);
    }

    /** RFC 8853 §5.3: receive the offered send streams whose rids allow a payload type we took. */
    private static void answerSimulcast(MediaSection section, List<PayloadType> chosen, List<Rid> rids,
            List<List<Simulcast.RidRef>> streams) {
        Set<Integer> chosenPts = new HashSet<>();
        chosen.forEach(p -> chosenPts.add(p.payloadType()));
        Set<String> answered = new HashSet<>();
        for (List<Simulcast.RidRef> stream : section.simulcast().get().send()) {
            List<Simulcast.RidRef> kept = new ArrayList<>();
            for (Simulcast.RidRef ref : stream) {
                Optional<Rid> rid = section.rid(ref.rid());
                if (rid.isEmpty()) {
                    continue;
                }
                List<Integer> pts = rid.get().payloadTypes().stream().filter(chosenPts::contains).toList();
                if (!rid.get().payloadTypes().isEmpty() && pts.isEmpty()) {
                    continue;
                }
                kept.add(ref);
                if (answered.add(ref.rid())) {
                    rids.add(new Rid(ref.rid(), RidDirection.RECV, pts, Map.of()));
                }
            }
            if (!kept.isEmpty()) {
                streams.add(kept);
            }
        }
    }

    private String write(SessionDescription offer, List<String> answerBundle, List<SectionAnswer> answers) {
        SdpWriter w = new SdpWriter();
        w.sessionHeader(sessionId, offer.sessionVersion());
        w.attribute("ice-lite");
        // Echo the group whenever the offer had one, even empty: Chromium with max-bundle refuses an answer without
        // it, and refuses a group in an answer to an offer that had none.
        if (offer.bundleGroup().isPresent()) {
            w.line("a=group:" + SdpGroup.BUNDLE + (answerBundle.isEmpty() ? "" : " " + String.join(" ", answerBundle)));
        }
        for (SectionAnswer a : answers) {
            if (a.accepted()) {
                writeAccepted(w, a);
            } else {
                writeRejected(w, a.offered());
            }
        }
        return w.toString();
    }

    private void writeAccepted(SdpWriter w, SectionAnswer a) {
        MediaSection offered = a.offered();
        w.mediaLine(offered.media(), local.defaultCandidate().port(), offered.protocol(),
                a.payloadTypes().stream().map(p -> Integer.toString(p.payloadType())).toList());
        w.connection(local);
        w.transport(local, SetupRole.PASSIVE);
        w.attribute("mid", offered.mid().get());
        a.extmaps().forEach(w::extmap);
        w.attribute(a.direction().sdpName());
        w.attribute("rtcp-mux");
        if (offered.rtcpReducedSize()) {
            w.attribute("rtcp-rsize");
        }
        a.payloadTypes().forEach(w::payloadType);
        for (Rid rid : a.rids()) {
            String pts = rid.payloadTypes().isEmpty() ? ""
                    : " pt=" + String.join(",", rid.payloadTypes().stream().map(String::valueOf).toList());
            w.attribute("rid", rid.id() + " " + rid.direction().sdpName() + pts);
        }
        if (!a.simulcast().isEmpty()) {
            w.attribute("simulcast", RidDirection.RECV.sdpName() + " " + Simulcast.format(a.simulcast()));
        }
        w.candidates(local);
    }

    /** Port 0 and the mid; RTP sections keep one format with its rtpmap so the section stays well-formed. */
    private static void writeRejected(SdpWriter w, MediaSection offered) {
        if (offered.isRtp() && !offered.payloadTypes().isEmpty()) {
            PayloadType first = offered.payloadTypes().get(0);
            w.mediaLine(offered.media(), 0, offered.protocol(), List.of(Integer.toString(first.payloadType())));
            w.rejectedConnection();
            w.attribute("mid", offered.mid().get());
            w.attribute(Direction.INACTIVE.sdpName());
            w.payloadType(new PayloadType(first.payloadType(), first.encodingName(), first.clockRate(), first.channels(), "",
                    Map.of(), List.of()));
        } else {
            w.mediaLine(offered.media(), 0, offered.protocol(), offered.formats());
            w.rejectedConnection();
            w.attribute("mid", offered.mid().get());
        }
    }
}
