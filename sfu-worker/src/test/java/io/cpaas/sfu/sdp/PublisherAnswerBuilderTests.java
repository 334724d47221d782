package io.cpaas.sfu.sdp;

import static io.cpaas.sfu.sdp.ChromeSdp.lines;
import static io.cpaas.sfu.sdp.ChromeSdp.matching;
import static io.cpaas.sfu.sdp.ChromeSdp.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublisherAnswerBuilderTests {

    private static final String FINGERPRINT_LINE = "a=fingerprint:sha-256 " + ChromeSdp.WORKER_FINGERPRINT;
    private static final String CANDIDATE_1 = "a=candidate:1 1 udp 2130706431 127.0.0.1 7882 typ host";
    private static final String CANDIDATE_2 = "a=candidate:2 1 udp 2130706175 10.0.0.5 7882 typ host";

    private final PublisherAnswerBuilder builder = new PublisherAnswerBuilder(ChromeSdp.workerTransport(), 4242);

    private PublisherAnswer answer(String resource) throws SdpParseException {
        return builder.answer(ChromeSdp.load(resource));
    }

    @Test
    void sessionPartIsIceLiteWithTheOfferedBundleGroup() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        assertEquals(List.of("v=0", "o=- 4242 2 IN IP4 0.0.0.0", "s=-", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0 1"),
                ChromeSdp.sessionPart(sdp));
    }

    @Test
    void everyLineEndsWithCrlf() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        assertTrue(sdp.endsWith("\r\n"));
        assertEquals(sdp.split("\n", -1).length, sdp.split("\r\n", -1).length);
    }

    @Test
    void everySectionIsAnsweredInOrderWithItsMid() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        assertEquals(2, ChromeSdp.sectionCount(sdp));
        assertTrue(section(sdp, 0).contains("a=mid:0"));
        assertTrue(section(sdp, 1).contains("a=mid:1"));
    }

    @Test
    void audioIsReceivedAsOpusOnlyWithItsFmtpAndTransportCc() throws SdpParseException {
        List<String> audio = section(answer(ChromeSdp.AUDIO_VIDEO).sdp(), 0);
        assertEquals("m=audio 7882 UDP/TLS/RTP/SAVPF 111", audio.get(0));
        assertEquals(List.of("a=rtpmap:111 opus/48000/2"), matching(audio, "a=rtpmap:"));
        assertEquals(List.of("a=fmtp:111 minptime=10;useinbandfec=1"), matching(audio, "a=fmtp:"));
        assertEquals(List.of("a=rtcp-fb:111 transport-cc"), matching(audio, "a=rtcp-fb:"));
        assertEquals(List.of("a=recvonly"), audio.stream().filter(l -> l.matches("a=(sendrecv|sendonly|recvonly|inactive)")).toList());
    }

    @Test
    void videoKeepsVp8H264AndVp9WithTheirRtxInOfferOrder() throws SdpParseException {
        List<String> video = section(answer(ChromeSdp.AUDIO_VIDEO).sdp(), 1);
        // 106 is H.264 42e01f packetization-mode 1; 102 (42001f), 127 (4d001f), 112 (64001f) lose to it.
        assertEquals("m=video 7882 UDP/TLS/RTP/SAVPF 96 97 106 107 98 99", video.get(0));
        assertEquals(List.of("a=rtpmap:96 VP8/90000", "a=rtpmap:97 rtx/90000", "a=rtpmap:106 H264/90000",
                "a=rtpmap:107 rtx/90000", "a=rtpmap:98 VP9/90000", "a=rtpmap:99 rtx/90000"), matching(video, "a=rtpmap:"));
        assertEquals(List.of("a=fmtp:97 apt=96",
                "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=fmtp:107 apt=106", "a=fmtp:98 profile-id=0", "a=fmtp:99 apt=98"), matching(video, "a=fmtp:"));
    }

    @Test
    void av1RedUlpfecVp9Profile2AndPacketizationMode0AreDropped() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        for (String codec : List.of("AV1", "red", "ulpfec", "G722", "PCMU", "PCMA", "CN", "telephone-event")) {
            assertFalse(sdp.contains(" " + codec + "/"), codec + " should not be answered");
        }
        assertFalse(sdp.contains("profile-id=2"));
        assertFalse(sdp.contains("packetization-mode=0"));
    }

    @Test
    void h264FallsBackToTheFirstPacketizationMode1ProfileWithout42e01f() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)
                .replace(" 106 107 108 109 ", " 108 109 ")
                .replace("profile-level-id=42e01f", "profile-level-id=42e01e");
        List<String> video = section(builder.answer(offer).sdp(), 1);
        assertEquals("m=video 7882 UDP/TLS/RTP/SAVPF 96 97 102 103 98 99", video.get(0));
    }

    @Test
    void onlyTheRtcpFeedbackTheWorkerHandlesIsKept() throws SdpParseException {
        String offer = ChromeSdp.replaceLine(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), "a=rtcp-fb:96 nack pli",
                "a=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm tmmbr\r\na=rtcp-fb:96 nack sli");
        List<String> video = section(builder.answer(offer).sdp(), 1);
        assertEquals(List.of("a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc", "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli"), matching(video, "a=rtcp-fb:96 "));
        assertEquals(List.of(), matching(video, "a=rtcp-fb:97 "));
    }

    @Test
    void headerExtensionsAreKeptWithTheOfferedIds() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        assertEquals(List.of("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid"), matching(section(sdp, 0), "a=extmap:"));
        assertEquals(List.of("a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
                "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
                "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"), matching(section(sdp, 1), "a=extmap:"));
    }

    @Test
    void anExtensionTheClientOnlySendsIsAnsweredRecvonly() throws SdpParseException {
        String offer = ChromeSdp.replaceLine(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO),
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:1/sendonly urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        assertTrue(section(builder.answer(offer).sdp(), 0).contains("a=extmap:1/recvonly urn:ietf:params:rtp-hdrext:ssrc-audio-level"));
    }

    @Test
    void everyAcceptedSectionCarriesTheWorkersTransportAndAllCandidates() throws SdpParseException {
        String sdp = answer(ChromeSdp.AUDIO_VIDEO).sdp();
        for (int i = 0; i < 2; i++) {
            List<String> s = section(sdp, i);
            assertEquals("c=IN IP4 127.0.0.1", s.get(1));
            assertEquals(List.of("a=ice-ufrag:Wk7s"), matching(s, "a=ice-ufrag:"));
            assertEquals(List.of("a=ice-pwd:s3cr3tPwdForTheWorker0123"), matching(s, "a=ice-pwd:"));
            assertEquals(List.of(FINGERPRINT_LINE), matching(s, "a=fingerprint:"));
            assertEquals(List.of("a=setup:passive"), matching(s, "a=setup:"));
            assertEquals(List.of("a=rtcp-mux"), matching(s, "a=rtcp-mux"));
            assertEquals(List.of("a=rtcp-rsize"), matching(s, "a=rtcp-rsize"));
            assertEquals(List.of(CANDIDATE_1, CANDIDATE_2, "a=end-of-candidates"), s.subList(s.size() - 3, s.size()));
            assertEquals(List.of(), matching(s, "a=ssrc"), "the worker sends nothing on a publish connection");
            assertEquals(List.of(), matching(s, "a=msid"));
        }
    }

    @Test
    void simulcastIsAnsweredWithRecvRids() throws SdpParseException {
        PublisherAnswer answer = answer(ChromeSdp.SIMULCAST);
        List<String> video = section(answer.sdp(), 1);
        assertEquals(List.of("a=rid:q recv", "a=rid:h recv", "a=rid:f recv"), matching(video, "a=rid:"));
        assertEquals(List.of("a=simulcast:recv q;h;f"), matching(video, "a=simulcast:"));
        assertFalse(answer.sdp().contains("dependency-descriptor"), "only the listed extensions are kept");
        NegotiatedMedia negotiated = answer.media("1").orElseThrow();
        assertEquals(List.of("q", "h", "f"), negotiated.rids());
        assertEquals(10, negotiated.extensionId(RtpExtensions.RTP_STREAM_ID).getAsInt());
        assertEquals(11, negotiated.extensionId(RtpExtensions.REPAIRED_RTP_STREAM_ID).getAsInt());
        assertEquals(List.of(), negotiated.ssrcs());
    }

    @Test
    void simulcastRidsRestrictedToDroppedCodecsAreLeftOut() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.SIMULCAST)
                .replace("a=rid:q send\r\n", "a=rid:q send pt=45\r\n")
                .replace("a=rid:h send\r\n", "a=rid:h send pt=96,45;max-width=640\r\n");
        List<String> video = section(builder.answer(offer).sdp(), 1);
        assertEquals(List.of("a=rid:h recv pt=96", "a=rid:f recv"), matching(video, "a=rid:"));
        assertEquals(List.of("a=simulcast:recv h;f"), matching(video, "a=simulcast:"));
    }

    @Test
    void simulcastIsNotAnsweredWithoutTheRidExtension() throws SdpParseException {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.SIMULCAST), l -> l.contains("sdes:rtp-stream-id"));
        PublisherAnswer answer = builder.answer(offer);
        assertEquals(List.of(), matching(section(answer.sdp(), 1), "a=rid:"));
        assertEquals(List.of(), matching(section(answer.sdp(), 1), "a=simulcast:"));
        assertEquals(List.of(), answer.media("1").orElseThrow().rids());
    }

    @Test
    void dataChannelIsRejectedAndLeftOutOfTheBundleGroup() throws SdpParseException {
        PublisherAnswer answer = answer(ChromeSdp.DATA_CHANNEL_FIRST);
        assertTrue(ChromeSdp.sessionPart(answer.sdp()).contains("a=group:BUNDLE 1 2"));
        assertEquals(List.of("m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:0"),
                section(answer.sdp(), 0));
        NegotiatedMedia data = answer.media("0").orElseThrow();
        assertFalse(data.accepted());
        assertTrue(data.rejectedBecause().orElseThrow().contains("signaling"));
        assertTrue(answer.media("1").orElseThrow().accepted());
        assertEquals("Xq7T", answer.remote().orElseThrow().iceUfrag());
    }

    @Test
    void theNegotiatedModelMapsPayloadTypesRtxExtensionsAndSsrcs() throws SdpParseException {
        PublisherAnswer answer = answer(ChromeSdp.AUDIO_VIDEO);
        NegotiatedMedia audio = answer.media("0").orElseThrow();
        assertTrue(audio.accepted());
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals(Direction.RECVONLY, audio.direction());
        PayloadType opus = audio.codecs().get(0);
        assertEquals(List.of(111), audio.codecs().stream().map(PayloadType::payloadType).toList());
        assertEquals("opus", opus.encodingName());
        assertEquals(48000, opus.clockRate());
        assertEquals(2, opus.channels());
        assertEquals("minptime=10;useinbandfec=1", opus.fmtp());
        assertEquals(Map.of(), audio.rtxPayloadTypes());
        assertEquals(1, audio.extensionId(RtpExtensions.AUDIO_LEVEL).getAsInt());
        assertEquals(List.of(2731654219L), audio.ssrcs().stream().map(SsrcDescription::ssrc).toList());
        assertEquals(new Msid(ChromeSdp.STREAM, Optional.of(ChromeSdp.AUDIO_TRACK)), audio.msids().get(0));

        NegotiatedMedia video = answer.media("1").orElseThrow();
        assertEquals(List.of(96, 106, 98), video.codecs().stream().map(PayloadType::payloadType).toList());
        assertEquals(Map.of(96, 97, 106, 107, 98, 99), video.rtxPayloadTypes());
        assertEquals(97, video.rtxFor(96).getAsInt());
        assertEquals(106, video.repairedBy(107).getAsInt());
        assertTrue(video.repairedBy(96).isEmpty());
        assertEquals("H264", video.codec(106).orElseThrow().encodingName());
        assertEquals(Map.of(RtpExtensions.ABS_SEND_TIME, 2, RtpExtensions.TRANSPORT_CC, 3, RtpExtensions.MID, 4,
                RtpExtensions.RTP_STREAM_ID, 10, RtpExtensions.REPAIRED_RTP_STREAM_ID, 11), video.extensionIds());
        assertEquals(List.of(new SsrcGroup("FID", List.of(3735928559L, 1482373241L))), video.ssrcGroups());
        assertEquals(2, video.ssrcs().size());
    }

    @Test
    void theClientsTransportComesFromTheTaggedSection() throws SdpParseException {
        RemoteTransport remote = answer(ChromeSdp.AUDIO_VIDEO).remote().orElseThrow();
        assertEquals("Xq7T", remote.iceUfrag());
        assertEquals("b4Kx0lH2mYp9WqZc3rN8sVtE", remote.icePwd());
        assertEquals(List.of(new Fingerprint("sha-256", ChromeSdp.CLIENT_FINGERPRINT)), remote.fingerprints());
        assertEquals(SetupRole.ACTPASS, remote.setup());
    }

    @Test
    void legacySimulcastSsrcGroupsReachTheModel() throws SdpParseException {
        NegotiatedMedia video = answer(ChromeSdp.LEGACY_SIMULCAST).media("0").orElseThrow();
        assertEquals(List.of("FID", "FID", "FID", "SIM"), video.ssrcGroups().stream().map(SsrcGroup::semantics).toList());
        assertEquals(6, video.ssrcs().size());
    }

    @Test
    void aSectionTheClientDoesNotSendOnIsAnsweredInactive() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replaceFirst("a=sendonly", "a=recvonly");
        PublisherAnswer answer = builder.answer(offer);
        assertTrue(section(answer.sdp(), 0).contains("a=inactive"));
        assertEquals(Direction.INACTIVE, answer.media("0").orElseThrow().direction());
        assertTrue(answer.media("0").orElseThrow().accepted());
    }

    @Test
    void theAnswerIsValidSdpThatOurParserReadsBack() throws SdpParseException {
        for (String resource : ChromeSdp.OFFERS) {
            SessionDescription answer = SdpParser.parse(answer(resource).sdp());
            assertTrue(answer.iceLite());
            SessionDescription offer = SdpParser.parse(ChromeSdp.load(resource));
            assertEquals(offer.media().stream().map(MediaSection::mid).toList(), answer.media().stream().map(MediaSection::mid).toList());
            for (MediaSection m : answer.media()) {
                if (!m.isRejected()) {
                    assertEquals(Optional.of(SetupRole.PASSIVE), m.setup());
                    assertEquals(Direction.RECVONLY, m.direction());
                    assertTrue(m.endOfCandidates());
                }
            }
        }
    }

    @Test
    void theAnswersSessionVersionFollowsTheOffer() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replace("o=- 7595655801978680453 2 ", "o=- 7595655801978680453 7 ");
        assertEquals("7", SdpParser.parse(builder.answer(offer).sdp()).sessionVersion());
    }

    @Test
    void aSectionDisabledByTheOffererIsRejected() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)
                .replace("m=audio 9 ", "m=audio 0 ").replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 1");
        PublisherAnswer answer = builder.answer(offer);
        List<String> audio = section(answer.sdp(), 0);
        assertEquals(List.of("m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=inactive",
                "a=rtpmap:111 opus/48000/2"), audio);
        assertTrue(ChromeSdp.sessionPart(answer.sdp()).contains("a=group:BUNDLE 1"));
        assertTrue(answer.media("0").orElseThrow().rejectedBecause().orElseThrow().contains("port 0"));
    }

    @Test
    void videoWithoutAForwardableCodecIsRejected() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replaceFirst("m=video 9 UDP/TLS/RTP/SAVPF [0-9 ]+", "m=video 9 UDP/TLS/RTP/SAVPF 45 46");
        PublisherAnswer answer = builder.answer(offer);
        assertEquals("m=video 0 UDP/TLS/RTP/SAVPF 45", section(answer.sdp(), 1).get(0));
        assertTrue(ChromeSdp.sessionPart(answer.sdp()).contains("a=group:BUNDLE 0"));
        assertFalse(answer.media("1").orElseThrow().accepted());
    }

    @Test
    void aSectionWithoutRtcpMuxIsRejected() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replaceFirst("a=rtcp-mux\r\n", "");
        NegotiatedMedia audio = builder.answer(offer).media("0").orElseThrow();
        assertFalse(audio.accepted());
        assertTrue(audio.rejectedBecause().orElseThrow().contains("rtcp-mux"));
    }

    @Test
    void whenEverythingIsRejectedTheBundleGroupIsEmptyAndThereIsNoRemoteTransport() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replace("m=audio 9 ", "m=audio 0 ").replace("m=video 9 ", "m=video 0 ");
        PublisherAnswer answer = builder.answer(offer);
        assertTrue(ChromeSdp.sessionPart(answer.sdp()).contains("a=group:BUNDLE"));
        assertEquals(Optional.empty(), answer.remote());
        assertTrue(answer.media().stream().noneMatch(NegotiatedMedia::accepted));
    }

    @Test
    void aSingleSectionOfferWithoutBundleIsAnsweredWithoutOne() throws SdpParseException {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.LEGACY_SIMULCAST), l -> l.startsWith("a=group:"));
        PublisherAnswer answer = builder.answer(offer);
        assertTrue(answer.media("0").orElseThrow().accepted());
        assertTrue(ChromeSdp.sessionPart(answer.sdp()).stream().noneMatch(l -> l.startsWith("a=group:")));
    }

    @Test
    void aPlanBOfferWithoutMidsIsRefused() {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), l -> l.startsWith("a=mid:") || l.startsWith("a=group:"));
        SdpParseException e = assertThrows(SdpParseException.class, () -> builder.answer(offer));
        assertTrue(e.getMessage().contains("Unified Plan"));
    }

    @Test
    void anOfferOfSeveralSectionsWithoutBundleIsRefused() {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), l -> l.startsWith("a=group:"));
        SdpParseException e = assertThrows(SdpParseException.class, () -> builder.answer(offer));
        assertTrue(e.getMessage().contains("max-bundle"));
    }

    @Test
    void anOfferAskingTheWorkerToBeDtlsClientIsRefused() {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replace("a=setup:actpass", "a=setup:passive");
        SdpParseException e = assertThrows(SdpParseException.class, () -> builder.answer(offer));
        assertTrue(e.getMessage().contains("actpass"));
    }

    @Test
    void anOfferWithSetupActiveIsAnsweredPassive() throws SdpParseException {
        String offer = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO).replace("a=setup:actpass", "a=setup:active");
        PublisherAnswer answer = builder.answer(offer);
        assertEquals(SetupRole.ACTIVE, answer.remote().orElseThrow().setup());
        assertTrue(section(answer.sdp(), 0).contains("a=setup:passive"));
    }

    @Test
    void anOfferWithoutFingerprintIsRefused() {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), l -> l.startsWith("a=fingerprint:"));
        SdpParseException e = assertThrows(SdpParseException.class, () -> builder.answer(offer));
        assertTrue(e.getMessage().contains("fingerprint"));
    }

    @Test
    void anOfferWithoutIceCredentialsIsRefused() {
        String offer = ChromeSdp.removeLines(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), l -> l.startsWith("a=ice-pwd:"));
        assertThrows(SdpParseException.class, () -> builder.answer(offer));
    }

    @Test
    void anOfferWithoutSectionsIsRefused() {
        assertThrows(SdpParseException.class, () -> builder.answer("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"));
    }

    @Test
    void ipv6CandidatesAreWrittenWithIp6ConnectionLines() throws SdpParseException {
        LocalTransport v6 = new LocalTransport("Wk7s", "s3cr3tPwdForTheWorker0123", new Fingerprint("sha-256", ChromeSdp.WORKER_FINGERPRINT),
                List.of(HostCandidate.parse("[2001:db8::7]:7882")));
        List<String> audio = section(new PublisherAnswerBuilder(v6, 1).answer(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)).sdp(), 0);
        assertEquals("c=IN IP6 2001:db8::7", audio.get(1));
        assertTrue(audio.contains("a=candidate:1 1 udp 2130706431 2001:db8::7 7882 typ host"));
    }

    @Test
    void answeringIsPureTheSameOfferGivesTheSameAnswer() throws SdpParseException {
        assertEquals(answer(ChromeSdp.SIMULCAST), answer(ChromeSdp.SIMULCAST));
        assertEquals(lines(answer(ChromeSdp.SIMULCAST).sdp()), lines(answer(ChromeSdp.SIMULCAST).sdp()));
    }
}
