package io.cpaas.sfu.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the worker's offers on a subscribe connection, where the worker sends and the browser receives.
 *
 * <p>Each forwarded track gets one {@code sendonly} m-section with the fixed payload types and extension ids of
 * {@link SubscriberCodecs}, {@code a=msid} and {@code a=ssrc} lines (plus {@code a=ssrc-group:FID} for video)
 * so the browser builds its MediaStreams with stable ids. Renegotiation keeps every m-section where it is and
 * with its mid: a removed track leaves its section {@code inactive} (port kept, no msid or ssrc lines), and a
 * later track of the same kind takes over the lowest such section before any new one is appended. A section
 * freed by one offer is reused from the next offer on, so the browser sees the old track end before a new one
 * starts in the same transceiver.
 *
 * <p>The worker is ICE-lite and offers {@code a=setup:actpass}; Chromium answers {@code active}, making the
 * worker the DTLS server. Pure and thread-safe; the state lives in the {@link SubscriberOffer} passed back in.
 */
public final class SubscriberOfferBuilder {

    /** The most m-sections a subscriber connection holds (the parser's limit, so answers stay readable). */
    public static final int MAX_SLOTS = SdpParser.MAX_MEDIA_SECTIONS;

    private static final String PROTOCOL = "UDP/TLS/RTP/SAVPF";

    private final LocalTransport local;
    private final String sessionId;

    /**
     * @param local     the worker's ICE credentials, certificate fingerprint and host candidates for this connection
     * @param sessionId the o= session id, random and fixed for the connection's lifetime
     */
    public SubscriberOfferBuilder(LocalTransport local, long sessionId) {
        this.local = java.util.Objects.requireNonNull(local, "local");
        if (sessionId < 0) {
            throw new IllegalArgumentException("session id must not be negative");
        }
        this.sessionId = Long.toString(sessionId);
    }

    /** The first offer of a connection. */
    public SubscriberOffer initialOffer(List<ForwardedTrack> tracks) {
        return build(List.of(), 0, tracks);
    }

    /** The offer after {@code previous}, carrying exactly {@code tracks}. */
    public SubscriberOffer nextOffer(SubscriberOffer previous, List<ForwardedTrack> tracks) {
        return build(previous.slots(), previous.sessionVersion(), tracks);
    }

    private SubscriberOffer build(List<SubscriberSlot> previous, long previousVersion, List<ForwardedTrack> tracks) {
        Map<String, ForwardedTrack> wanted = new HashMap<>();
        Set<Long> ssrcs = new HashSet<>();
        for (ForwardedTrack t : tracks) {
            if (wanted.put(t.trackId(), t) != null) {
                throw new IllegalArgumentException("track " + t.trackId() + " is listed twice");
            }
            if (!ssrcs.add(t.ssrc()) || (t.rtxSsrc().isPresent() && !ssrcs.add(t.rtxSsrc().getAsLong()))) {
                throw new IllegalArgumentException("track " + t.trackId() + " reuses an SSRC of another track");
            }
        }
        List<SubscriberSlot> slots = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<Integer> freedNow = new HashSet<>();
        for (SubscriberSlot slot : previous) {
            Optional<ForwardedTrack> kept = slot.track().map(t -> wanted.get(t.trackId()));
            if (kept.isPresent() && kept.get().kind() == slot.kind()) {
                placed.add(kept.get().trackId());
                slots.add(new SubscriberSlot(slot.mid(), slot.kind(), kept));
            } else {
                if (slot.isActive()) {
                    freedNow.add(slots.size());
                }
                slots.add(new SubscriberSlot(slot.mid(), slot.kind(), Optional.empty()));
            }
        }
        int nextMid = nextMid(previous);
        for (ForwardedTrack t : tracks) {
            if (placed.contains(t.trackId())) {
                continue;
            }
            int free = -1;
            for (int i = 0; i < slots.size() && free < 0; i++) {
                SubscriberSlot s = slots.get(i);
                if (!s.isActive() && s.kind() == t.kind() && !freedNow.contains(i)) {
                    free = i;
                }
            }
            if (free >= 0) {
                slots.set(free, new SubscriberSlot(slots.get(free).mid(), t.kind(), Optional.of(t)));
            } else {
                if (slots.size() == MAX_SLOTS) {
                    throw new IllegalArgumentException("a subscriber connection holds at most " + MAX_SLOTS
                            + " m-sections; forward fewer tracks (last-N) or let inactive ones be reused");
                }
                slots.add(new SubscriberSlot(Integer.toString(nextMid++), t.kind(), Optional.of(t)));
            }
        }
        long version = previousVersion + 1;
        return new SubscriberOffer(write(version, slots), version, slots);
    }

    /** Mids are decimal numbers handed out in order and never reused for another section. */
    private static int nextMid(List<SubscriberSlot> previous) {
        int next = 0;
        for (SubscriberSlot s : previous) {
            if (SdpSyntax.isDigits(s.mid(), 9)) {
                next = Math.max(next, Integer.parseInt(s.mid()) + 1);
            }
        }
        return next;
    }

    private String write(long version, List<SubscriberSlot> slots) {
        SdpWriter w = new SdpWriter();
        w.sessionHeader(sessionId, Long.toString(version));
        w.attribute("ice-lite");
        if (!slots.isEmpty()) {
            w.attribute("group", SdpGroup.BUNDLE + " " + String.join(" ", slots.stream().map(SubscriberSlot::mid).toList()));
        }
        Set<String> streams = new LinkedHashSet<>();
        slots.forEach(s -> s.track().ifPresent(t -> streams.add(t.streamId())));
        w.line("a=msid-semantic: WMS" + (streams.isEmpty() ? "" : " " + String.join(" ", streams)));
        for (SubscriberSlot slot : slots) {
            writeSection(w, slot);
        }
        return w.toString();
    }

    private void writeSection(SdpWriter w, SubscriberSlot slot) {
        List<PayloadType> payloadTypes = SubscriberCodecs.payloadTypes(slot.kind());
        w.mediaLine(slot.kind().sdpName(), local.defaultCandidate().port(), PROTOCOL,
                payloadTypes.stream().map(p -> Integer.toString(p.payloadType())).toList());
        w.connection(local);
        w.transport(local, SetupRole.ACTPASS);
        w.attribute("mid", slot.mid());
        SubscriberCodecs.extensions().forEach(w::extmap);
        w.attribute(slot.isActive() ? Direction.SENDONLY.sdpName() : Direction.INACTIVE.sdpName());
        Optional<Msid> msid = slot.track().map(t -> new Msid(t.streamId(), Optional.of(t.trackId())));
        msid.ifPresent(m -> w.attribute("msid", m.attributeValue()));
        w.attribute("rtcp-mux");
        w.attribute("rtcp-rsize");
        payloadTypes.forEach(w::payloadType);
        if (slot.track().isPresent()) {
            ForwardedTrack t = slot.track().get();
            if (t.rtxSsrc().isPresent()) {
                w.attribute("ssrc-group", SsrcGroup.FID + " " + t.ssrc() + " " + t.rtxSsrc().getAsLong());
            }
            writeSsrc(w, t.ssrc(), t.cname(), msid.get());
            if (t.rtxSsrc().isPresent()) {
                writeSsrc(w, t.rtxSsrc().getAsLong(), t.cname(), msid.get());
            }
        }
        w.candidates(local);
    }

    private static void writeSsrc(SdpWriter w, long ssrc, String cname, Msid msid) {
        w.attribute("ssrc", ssrc + " cname:" + cname);
        w.attribute("ssrc", ssrc + " msid:" + msid.attributeValue());
    }
}
