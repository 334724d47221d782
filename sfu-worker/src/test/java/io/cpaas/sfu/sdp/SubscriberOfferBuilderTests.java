package io.cpaas.sfu.sdp;

import static io.cpaas.sfu.sdp.ChromeSdp.matching;
import static io.cpaas.sfu.sdp.ChromeSdp.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubscriberOfferBuilderTests {

    private static final ForwardedTrack ALICE_AUDIO = ForwardedTrack.audio("alice-mic", "alice", 1001, "alice-cname");
    private static final ForwardedTrack ALICE_VIDEO = ForwardedTrack.video("alice-cam", "alice", 2001, 2002, "alice-cname");
    private static final ForwardedTrack BOB_AUDIO = ForwardedTrack.audio("bob-mic", "bob", 3001, "bob-cname");
    private static final ForwardedTrack BOB_VIDEO = ForwardedTrack.video("bob-cam", "bob", 4001, 4002, "bob-cname");
    private static final ForwardedTrack CAROL_VIDEO = ForwardedTrack.video("carol-cam", "carol", 5001, 5002, "carol-cname");

    private final SubscriberOfferBuilder builder = new SubscriberOfferBuilder(ChromeSdp.workerTransport(), 99);

    @Test
    void sessionPartIsIceLiteBundlingEverySection() {
        SubscriberOffer offer = builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO));
        assertEquals(List.of("v=0", "o=- 99 1 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0 1",
                "a=msid-semantic: WMS alice"), ChromeSdp.sessionPart(offer.sdp()));
        assertEquals(1, offer.sessionVersion());
    }

    @Test
    void audioSectionIsWrittenLineByLine() {
        List<String> audio = section(builder.initialOffer(List.of(ALICE_AUDIO)).sdp(), 0);
        assertEquals(List.of(
                "m=audio 7882 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 127.0.0.1",
                "a=ice-ufrag:Wk7s",
                "a=ice-pwd:s3cr3tPwdForTheWorker0123",
                "a=fingerprint:sha-256 " + ChromeSdp.WORKER_FINGERPRINT,
                "a=setup:actpass",
                "a=mid:0",
                "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=sendonly",
                "a=msid:alice alice-mic",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:1001 cname:alice-cname",
                "a=ssrc:1001 msid:alice alice-mic",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 7882 typ host",
                "a=candidate:2 1 udp 2130706175 10.0.0.5 7882 typ host",
                "a=end-of-candidates"), audio);
    }

    @Test
    void videoSectionOffersTheFixedCodecsWithRtxAndAFidGroup() {
        List<String> video = section(builder.initialOffer(List.of(ALICE_VIDEO)).sdp(), 0);
        assertEquals("m=video 7882 UDP/TLS/RTP/SAVPF 96 97 98 99 102 103", video.get(0));
        assertEquals(List.of("a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=rtpmap:98 VP9/90000", "a=rtpmap:99 rtx/90000",
                "a=rtpmap:102 H264/90000", "a=rtpmap:103 rtx/90000"), matching(video, "a=rtpmap:"));
        assertEquals(List.of("a=fmtp:97 apt=96", "a=fmtp:98 profile-id=0", "a=fmtp:99 apt=98",
                "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "a=fmtp:103 apt=102"),
                matching(video, "a=fmtp:"));
        assertEquals(List.of("a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc", "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli"), matching(video, "a=rtcp-fb:96 "));
        assertEquals(List.of("a=ssrc-group:FID 2001 2002", "a=ssrc:2001 cname:alice-cname", "a=ssrc:2001 msid:alice alice-cam",
                "a=ssrc:2002 cname:alice-cname", "a=ssrc:2002 msid:alice alice-cam"), matching(video, "a=ssrc"));
        assertEquals(List.of("a=msid:alice alice-cam"), matching(video, "a=msid:"));
    }

    @Test
    void ourParserReadsTheOfferBackAsTheBrowserWill() throws SdpParseException {
        SessionDescription offer = SdpParser.parse(builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO)).sdp());
        assertTrue(offer.iceLite());
        MediaSection video = offer.media().get(1);
        assertEquals(Direction.SENDONLY, video.direction());
        assertEquals(Optional.of(SetupRole.ACTPASS), video.setup());
        assertEquals(List.of(new Msid("alice", Optional.of("alice-cam"))), video.msids());
        assertEquals(List.of(new SsrcGroup("FID", List.of(2001L, 2002L))), video.ssrcGroups());
        assertEquals(SubscriberCodecs.MID_ID, video.extmapId(RtpExtensions.MID).getAsInt());
        assertEquals(SubscriberCodecs.ABS_SEND_TIME_ID, video.extmapId(RtpExtensions.ABS_SEND_TIME).getAsInt());
        assertEquals(SubscriberCodecs.TRANSPORT_CC_ID, video.extmapId(RtpExtensions.TRANSPORT_CC).getAsInt());
        assertEquals(Optional.of(SubscriberCodecs.VP8), video.payloadType(SubscriberCodecs.VP8_RTX).orElseThrow().associatedPayloadType());
    }

    @Test
    void aRemovedTrackLeavesItsSectionInactiveWithItsPortAndWithoutSsrcLines() {
        SubscriberOffer first = builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO));
        SubscriberOffer second = builder.nextOffer(first, List.of(ALICE_AUDIO));
        assertEquals(2, second.sessionVersion());
        assertTrue(second.sdp().contains("o=- 99 2 IN IP4 0.0.0.0\r\n"));
        List<String> video = section(second.sdp(), 1);
        assertEquals("m=video 7882 UDP/TLS/RTP/SAVPF 96 97 98 99 102 103", video.get(0));
        assertTrue(video.contains("a=mid:1"));
        assertTrue(video.contains("a=inactive"));
        assertEquals(List.of(), matching(video, "a=ssrc"));
        assertEquals(List.of(), matching(video, "a=msid"));
        assertTrue(ChromeSdp.sessionPart(second.sdp()).contains("a=group:BUNDLE 0 1"), "inactive sections stay bundled");
        assertFalse(second.slot("1").orElseThrow().isActive());
    }

    @Test
    void aLaterTrackOfTheSameKindTakesOverTheInactiveSection() {
        SubscriberOffer v1 = builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO, BOB_VIDEO));
        SubscriberOffer v2 = builder.nextOffer(v1, List.of(ALICE_AUDIO, BOB_VIDEO));
        SubscriberOffer v3 = builder.nextOffer(v2, List.of(ALICE_AUDIO, BOB_VIDEO, CAROL_VIDEO));
        assertEquals(3, ChromeSdp.sectionCount(v3.sdp()));
        assertEquals(Optional.of("1"), v3.midOf("carol-cam"));
        assertEquals(Optional.of("2"), v3.midOf("bob-cam"));
        List<String> reused = section(v3.sdp(), 1);
        assertTrue(reused.contains("a=sendonly"));
        assertTrue(reused.contains("a=msid:carol carol-cam"));
        assertTrue(reused.contains("a=ssrc-group:FID 5001 5002"));
    }

    @Test
    void aSectionOfAnotherKindIsNotReused() {
        SubscriberOffer v1 = builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO));
        SubscriberOffer v2 = builder.nextOffer(v1, List.of(ALICE_VIDEO));
        SubscriberOffer v3 = builder.nextOffer(v2, List.of(ALICE_VIDEO, CAROL_VIDEO));
        assertEquals(List.of("0", "1", "2"), v3.slots().stream().map(SubscriberSlot::mid).toList());
        assertEquals(Optional.of("2"), v3.midOf("carol-cam"));
        assertFalse(v3.slot("0").orElseThrow().isActive());
    }

    @Test
    void aSectionFreedInOneOfferIsReusedOnlyFromTheNextOn() {
        SubscriberOffer v1 = builder.initialOffer(List.of(ALICE_VIDEO));
        // Alice leaves and Carol arrives in the same renegotiation: the browser must see Alice's track end first.
        SubscriberOffer v2 = builder.nextOffer(v1, List.of(CAROL_VIDEO));
        assertEquals(Optional.of("1"), v2.midOf("carol-cam"));
        assertFalse(v2.slot("0").orElseThrow().isActive());
        SubscriberOffer v3 = builder.nextOffer(v2, List.of(CAROL_VIDEO, BOB_VIDEO));
        assertEquals(Optional.of("0"), v3.midOf("bob-cam"));
        assertEquals(2, v3.slots().size());
    }

    @Test
    void aTrackKeepsItsMidForAsLongAsItIsForwarded() {
        SubscriberOffer offer = builder.initialOffer(List.of(ALICE_AUDIO, ALICE_VIDEO, BOB_AUDIO));
        String bobMid = offer.midOf("bob-mic").orElseThrow();
        offer = builder.nextOffer(offer, List.of(BOB_AUDIO));
        offer = builder.nextOffer(offer, List.of(BOB_AUDIO, BOB_VIDEO, ALICE_AUDIO));
        offer = builder.nextOffer(offer, List.of(ALICE_AUDIO, BOB_AUDIO));
        assertEquals(Optional.of(bobMid), offer.midOf("bob-mic"));
    }

    @Test
    void addRemoveAddRoundTripsKeepMidsAndOrderStable() throws SdpParseException {
        Random random = new Random(20240611L);
        List<ForwardedTrack> pool = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pool.add(i % 2 == 0 ? ForwardedTrack.audio("a" + i, "p" + i, 10_000 + i, "c" + i)
                    : ForwardedTrack.video("v" + i, "p" + i, 20_000 + 2 * i, 20_001 + 2 * i, "c" + i));
        }
        SubscriberOffer offer = builder.initialOffer(List.of());
        Map<String, MediaKind> kindByMid = new HashMap<>();
        Map<String, String> midByTrack = new HashMap<>();
        for (int step = 0; step < 300; step++) {
            List<ForwardedTrack> tracks = new ArrayList<>();
            for (ForwardedTrack t : pool) {
                if (random.nextInt(3) != 0) {
                    tracks.add(t);
                }
            }
            SubscriberOffer next = builder.nextOffer(offer, tracks);

            List<String> before = offer.slots().stream().map(SubscriberSlot::mid).toList();
            List<String> after = next.slots().stream().map(SubscriberSlot::mid).toList();
            assertEquals(before, after.subList(0, before.size()), "existing m-sections keep their place and mid");
            assertEquals(offer.sessionVersion() + 1, next.sessionVersion());
            for (MediaKind kind : List.of(MediaKind.AUDIO, MediaKind.VIDEO)) {
                long grew = count(next, kind, false) - count(offer, kind, false);
                if (grew > 0) {
                    assertTrue(count(next, kind, false) <= count(next, kind, true) + count(offer, kind, true),
                            "sections are appended only when no inactive one can be reused");
                }
            }
            for (SubscriberSlot slot : next.slots()) {
                MediaKind previousKind = kindByMid.putIfAbsent(slot.mid(), slot.kind());
                assertTrue(previousKind == null || previousKind == slot.kind(), "a mid never changes kind");
            }
            for (ForwardedTrack t : tracks) {
                String mid = next.midOf(t.trackId()).orElseThrow();
                String previousMid = offer.midOf(t.trackId()).orElse(null);
                if (previousMid != null) {
                    assertEquals(previousMid, mid, "a forwarded track stays in its m-section");
                }
                midByTrack.put(t.trackId(), mid);
            }
            assertEquals(tracks.size(), next.slots().stream().filter(SubscriberSlot::isActive).count());

            SessionDescription parsed = SdpParser.parse(next.sdp());
            assertEquals(after, parsed.media().stream().map(m -> m.mid().orElseThrow()).toList());
            assertEquals(next.slots().isEmpty() ? Optional.empty() : Optional.of(after), parsed.bundleGroup().map(SdpGroup::mids));
            for (int i = 0; i < parsed.media().size(); i++) {
                MediaSection m = parsed.media().get(i);
                SubscriberSlot slot = next.slots().get(i);
                assertEquals(7882, m.port(), "inactive sections keep their port");
                assertEquals(slot.isActive() ? Direction.SENDONLY : Direction.INACTIVE, m.direction());
                assertEquals(slot.isActive(), !m.ssrcs().isEmpty());
                assertEquals(slot.track().map(t -> List.of(new Msid(t.streamId(), Optional.of(t.trackId())))).orElse(List.of()), m.msids());
            }
            offer = next;
        }
        assertTrue(offer.slots().size() <= pool.size() + pool.size() / 2, "the SDP does not grow without bound: " + offer.slots().size());
    }

    private static long count(SubscriberOffer offer, MediaKind kind, boolean activeOnly) {
        return offer.slots().stream().filter(s -> s.kind() == kind && (!activeOnly || s.isActive())).count();
    }

    @Test
    void anOfferWithoutTracksHasNoSectionsAndNoBundleGroup() throws SdpParseException {
        SubscriberOffer offer = builder.initialOffer(List.of());
        assertEquals(0, ChromeSdp.sectionCount(offer.sdp()));
        assertEquals(Optional.empty(), SdpParser.parse(offer.sdp()).bundleGroup());
    }

    @Test
    void badTrackListsAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> builder.initialOffer(List.of(ALICE_AUDIO, ALICE_AUDIO)));
        ForwardedTrack sameSsrc = ForwardedTrack.audio("other", "x", ALICE_AUDIO.ssrc(), "c");
        assertThrows(IllegalArgumentException.class, () -> builder.initialOffer(List.of(ALICE_AUDIO, sameSsrc)));
        assertThrows(IllegalArgumentException.class, () -> ForwardedTrack.audio("has space", "s", 1, "c"));
        assertThrows(IllegalArgumentException.class, () -> ForwardedTrack.video("v", "s", 7, 7, "c"));
        assertThrows(IllegalArgumentException.class, () -> ForwardedTrack.audio("a", "s", 0x1_0000_0000L, "c"));
        assertThrows(IllegalArgumentException.class,
                () -> new ForwardedTrack("a", "s", MediaKind.AUDIO, 1, java.util.OptionalLong.of(2), "c"));
    }

    @Test
    void aConnectionHoldsAtMost64Sections() {
        List<ForwardedTrack> tracks = new ArrayList<>();
        for (int i = 0; i < SubscriberOfferBuilder.MAX_SLOTS; i++) {
            tracks.add(ForwardedTrack.audio("t" + i, "s", 100 + i, "c"));
        }
        SubscriberOffer full = builder.initialOffer(tracks);
        assertEquals(64, full.slots().size());
        tracks.add(ForwardedTrack.audio("one-too-many", "s", 99, "c"));
        assertThrows(IllegalArgumentException.class, () -> builder.nextOffer(full, tracks));
    }
}
