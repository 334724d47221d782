package io.cpaas.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SdpParserTests {

    private static final String MINIMAL = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

    @Test
    void chromiumAudioVideoOfferIsReadAtSessionLevel() throws SdpParseException {
        SessionDescription offer = SdpParser.parse(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO));
        assertEquals("7595655801978680453", offer.sessionId());
        assertEquals("2", offer.sessionVersion());
        assertEquals(List.of("0", "1"), offer.bundleGroup().orElseThrow().mids());
        assertTrue(offer.extmapAllowMixed());
        assertEquals(Optional.of("WMS " + ChromeSdp.STREAM), offer.msidSemantic());
        assertFalse(offer.iceLite());
        // Chromium puts transport attributes at media level only.
        assertEquals(Optional.empty(), offer.iceUfrag());
        assertEquals(List.of(), offer.fingerprints());
        assertEquals(2, offer.media().size());
    }

    @Test
    void chromiumAudioSectionIsReadWithCodecsExtensionsAndSsrcs() throws SdpParseException {
        MediaSection audio = SdpParser.parse(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)).media().get(0);
        assertEquals(MediaKind.AUDIO, audio.kind());
        assertEquals(Optional.of("0"), audio.mid());
        assertEquals(9, audio.port());
        assertEquals("UDP/TLS/RTP/SAVPF", audio.protocol());
        assertEquals(Direction.SENDONLY, audio.direction());
        assertEquals(Optional.of("Xq7T"), audio.iceUfrag());
        assertEquals(Optional.of("b4Kx0lH2mYp9WqZc3rN8sVtE"), audio.icePwd());
        assertEquals(List.of(new Fingerprint("sha-256", ChromeSdp.CLIENT_FINGERPRINT)), audio.fingerprints());
        assertEquals(Optional.of(SetupRole.ACTPASS), audio.setup());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.rtcpReducedSize());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), audio.payloadTypes().stream().map(PayloadType::payloadType).toList());

        PayloadType opus = audio.payloadType(111).orElseThrow();
        assertEquals("opus", opus.encodingName());
        assertEquals(48000, opus.clockRate());
        assertEquals(2, opus.channels());
        assertEquals("minptime=10;useinbandfec=1", opus.fmtp());
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1"), opus.parameters());
        assertEquals(List.of("transport-cc"), opus.rtcpFeedback());
        assertEquals(Map.of("111/111", ""), audio.payloadType(63).orElseThrow().parameters());
        assertEquals(0, audio.payloadType(0).orElseThrow().channels());

        assertEquals(List.of(1, 2, 3, 4), audio.extmaps().stream().map(Extmap::id).toList());
        assertEquals(RtpExtensions.AUDIO_LEVEL, audio.extmaps().get(0).uri());
        assertEquals(4, audio.extmapId(RtpExtensions.MID).getAsInt());

        Msid msid = new Msid(ChromeSdp.STREAM, Optional.of(ChromeSdp.AUDIO_TRACK));
        assertEquals(List.of(msid), audio.msids());
        assertEquals(List.of(new SsrcDescription(2731654219L, Optional.of("QzVjK3l0Rk1ZUXZ1"), Optional.of(msid))), audio.ssrcs());
    }

    @Test
    void chromiumVideoSectionIsReadWithAllOfferedCodecsAndTheFidGroup() throws SdpParseException {
        MediaSection video = SdpParser.parse(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)).media().get(1);
        assertEquals(MediaKind.VIDEO, video.kind());
        assertEquals(25, video.payloadTypes().size());
        PayloadType vp8 = video.payloadType(96).orElseThrow();
        assertEquals("VP8", vp8.encodingName());
        assertEquals(90000, vp8.clockRate());
        assertEquals(List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"), vp8.rtcpFeedback());
        assertEquals(Optional.of(96), video.payloadType(97).orElseThrow().associatedPayloadType());
        assertEquals(Optional.empty(), vp8.associatedPayloadType());
        PayloadType h264 = video.payloadType(106).orElseThrow();
        assertEquals(Optional.of("42e01f"), h264.parameter("profile-level-id"));
        assertEquals(Optional.of("1"), h264.parameter("PACKETIZATION-MODE"));
        assertEquals("AV1", video.payloadType(45).orElseThrow().encodingName());
        assertEquals(Optional.of("2"), video.payloadType(100).orElseThrow().parameter("profile-id"));
        assertEquals(List.of(new SsrcGroup("FID", List.of(3735928559L, 1482373241L))), video.ssrcGroups());
        assertEquals(List.of(3735928559L, 1482373241L), video.ssrcs().stream().map(SsrcDescription::ssrc).toList());
        assertEquals(11, video.extmaps().size());
        assertEquals(List.of(), video.rids());
        assertEquals(Optional.empty(), video.simulcast());
    }

    @Test
    void ridsAndSimulcastAreRead() throws SdpParseException {
        MediaSection video = SdpParser.parse(ChromeSdp.load(ChromeSdp.SIMULCAST)).media().get(1);
        assertEquals(List.of("q", "h", "f"), video.rids().stream().map(Rid::id).toList());
        assertTrue(video.rids().stream().allMatch(r -> r.direction() == RidDirection.SEND));
        Simulcast simulcast = video.simulcast().orElseThrow();
        assertEquals(List.of("q", "h", "f"), simulcast.rids(RidDirection.SEND));
        assertEquals(List.of(), simulcast.recv());
        assertEquals(List.of(), video.ssrcs(), "Chromium signals no SSRCs with rid simulcast");
        assertEquals(9, video.extmapId("https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension").getAsInt());
    }

    @Test
    void simulcastAlternativesPausedStreamsAndRidRestrictionsAreRead() throws SdpParseException {
        String sdp = MINIMAL + "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:v\r\na=rtpmap:96 VP8/90000\r\n"
                + "a=rid:1 send pt=96,97;max-width=1280;max-fps=30\r\na=rid:2 send\r\na=rid:3 send\r\na=rid:4 recv\r\n"
                + "a=simulcast:send 1,2;~3 recv 4\r\n";
        MediaSection video = SdpParser.parse(sdp).media().get(0);
        Rid first = video.rid("1").orElseThrow();
        assertEquals(List.of(96, 97), first.payloadTypes());
        assertEquals(Map.of("max-width", "1280", "max-fps", "30"), first.restrictions());
        Simulcast simulcast = video.simulcast().orElseThrow();
        assertEquals(List.of(List.of(new Simulcast.RidRef("1", false), new Simulcast.RidRef("2", false)),
                List.of(new Simulcast.RidRef("3", true))), simulcast.send());
        assertEquals(List.of("4"), simulcast.rids(RidDirection.RECV));
    }

    @Test
    void dataChannelSectionIsRead() throws SdpParseException {
        MediaSection data = SdpParser.parse(ChromeSdp.load(ChromeSdp.DATA_CHANNEL_FIRST)).media().get(0);
        assertEquals(MediaKind.APPLICATION, data.kind());
        assertEquals("UDP/DTLS/SCTP", data.protocol());
        assertEquals(List.of("webrtc-datachannel"), data.formats());
        assertEquals(List.of(), data.payloadTypes());
        assertFalse(data.isRtp());
    }

    @Test
    void legacySimulcastGroupsAreRead() throws SdpParseException {
        MediaSection video = SdpParser.parse(ChromeSdp.load(ChromeSdp.LEGACY_SIMULCAST)).media().get(0);
        assertEquals(4, video.ssrcGroups().size());
        assertEquals(new SsrcGroup("SIM", List.of(1111111111L, 1111111112L, 1111111113L)), video.ssrcGroups().get(3));
        assertEquals(6, video.ssrcs().size());
    }

    @Test
    void lfOnlyLineEndingsAndTrailingBlankLinesAreAccepted() throws SdpParseException {
        String crlf = ChromeSdp.load(ChromeSdp.AUDIO_VIDEO);
        SessionDescription lf = SdpParser.parse(crlf.replace("\r\n", "\n") + "\n\n");
        assertEquals(SdpParser.parse(crlf), lf);
    }

    @Test
    void unknownAttributesAndLineTypesAreIgnored() throws SdpParseException {
        String sdp = MINIMAL + "i=some info\r\na=x-google-flag:conference\r\na=something-new\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nb=AS:64\r\na=mid:a\r\na=rtpmap:111 opus/48000/2\r\na=unheard-of:1 2 3\r\n";
        MediaSection audio = SdpParser.parse(sdp).media().get(0);
        assertEquals(Optional.of("a"), audio.mid());
        assertEquals("opus", audio.payloadTypes().get(0).encodingName());
    }

    @Test
    void sectionsInheritSessionLevelTransportAttributesAndDirection() throws SdpParseException {
        String sdp = "v=0\r\no=mozilla...THIS_IS_SDPARTA-99.0 8497512496212520343 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n"
                + "a=fingerprint:sha-256 " + ChromeSdp.CLIENT_FINGERPRINT + "\r\na=ice-ufrag:8a1b2c3d\r\n"
                + "a=ice-pwd:0123456789abcdef0123456789abcdef\r\na=setup:actpass\r\na=sendonly\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 109\r\na=mid:0\r\na=rtpmap:109 opus/48000/2\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 120\r\na=mid:1\r\na=recvonly\r\na=ice-ufrag:ownufrag\r\na=rtpmap:120 VP8/90000\r\n";
        SessionDescription s = SdpParser.parse(sdp);
        MediaSection audio = s.media().get(0);
        assertEquals(Optional.of("8a1b2c3d"), audio.iceUfrag());
        assertEquals(Optional.of("0123456789abcdef0123456789abcdef"), audio.icePwd());
        assertEquals(1, audio.fingerprints().size());
        assertEquals(Optional.of(SetupRole.ACTPASS), audio.setup());
        assertEquals(Direction.SENDONLY, audio.direction());
        MediaSection video = s.media().get(1);
        assertEquals(Optional.of("ownufrag"), video.iceUfrag());
        assertEquals(Direction.RECVONLY, video.direction());
        assertEquals(Optional.of("8a1b2c3d"), s.iceUfrag());
    }

    @Test
    void directionDefaultsToSendrecv() throws SdpParseException {
        MediaSection m = SdpParser.parse(MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n").media().get(0);
        assertEquals(Direction.SENDRECV, m.direction());
        assertEquals(Optional.empty(), m.mid());
    }

    @Test
    void wildcardFeedbackAppliesToEveryPayloadTypeAndUnlistedPayloadTypesAreIgnored() throws SdpParseException {
        String sdp = MINIMAL + "m=video 0 UDP/TLS/RTP/SAVPF 96 98\r\na=rtcp-fb:* nack\r\na=rtcp-fb:96 nack pli\r\n"
                + "a=rtpmap:96 VP8/90000\r\na=rtpmap:98 VP9/90000\r\na=rtpmap:100 H264/90000\r\na=fmtp:100 x=1\r\na=rtcp-fb:100 nack\r\n";
        MediaSection video = SdpParser.parse(sdp).media().get(0);
        assertTrue(video.isRejected());
        assertEquals(List.of("nack pli", "nack"), video.payloadType(96).orElseThrow().rtcpFeedback());
        assertEquals(List.of("nack"), video.payloadType(98).orElseThrow().rtcpFeedback());
        assertEquals(Optional.empty(), video.payloadType(100));
    }

    @Test
    void extmapDirectionAndAttributesAreRead() throws SdpParseException {
        String sdp = MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=extmap:7/sendonly urn:example:ext with attributes\r\n";
        Extmap e = SdpParser.parse(sdp).media().get(0).extmaps().get(0);
        assertEquals(new Extmap(7, Optional.of(Direction.SENDONLY), "urn:example:ext", "with attributes"), e);
    }

    @Test
    void payloadTypeWithoutRtpmapHasNoEncodingName() throws SdpParseException {
        PayloadType pcmu = SdpParser.parse(MINIMAL + "m=audio 9 RTP/AVP 0\r\n").media().get(0).payloadTypes().get(0);
        assertFalse(pcmu.hasRtpmap());
        assertEquals(0, pcmu.clockRate());
    }

    static Stream<Arguments> brokenSdp() {
        String audio = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("first line not v=0", "o=- 1 1 IN IP4 0.0.0.0\r\n", "v=0"),
                Arguments.of("version 1", "v=1\r\n", "v=0"),
                Arguments.of("missing o=", "v=0\r\ns=-\r\nt=0 0\r\n", "o= line is missing"),
                Arguments.of("missing s=", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nt=0 0\r\n" + audio, "s= line is missing"),
                Arguments.of("missing t=", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\n", "t= line is missing"),
                Arguments.of("two o=", MINIMAL + "o=- 2 2 IN IP4 0.0.0.0\r\n", "o= appears twice"),
                Arguments.of("o= fields", "v=0\r\no=- 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", "six fields"),
                Arguments.of("o= session id not a number", "v=0\r\no=- abc 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", "numbers"),
                Arguments.of("t= inside media", MINIMAL + audio + "t=0 0\r\n", "before the first m="),
                Arguments.of("second v=", MINIMAL + "v=0\r\n", "first line"),
                Arguments.of("no equals sign", MINIMAL + "a:rtcp-mux\r\n", "<letter>=<value>"),
                Arguments.of("upper-case type", MINIMAL + "A=rtcp-mux\r\n", "<letter>=<value>"),
                Arguments.of("NUL byte", MINIMAL + "a=mid:\u00000\r\n", "control character"),
                Arguments.of("lone CR", MINIMAL + "a=x\ra=y\r\n", "control character"),
                Arguments.of("blank line inside", MINIMAL + "\r\n" + audio, "blank line"),
                Arguments.of("attribute without name", MINIMAL + "a=:x\r\n", "no name"),
                Arguments.of("m= too short", MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF\r\n", "m= must be"),
                Arguments.of("port too large", MINIMAL + "m=audio 65536 UDP/TLS/RTP/SAVPF 111\r\n", "m= port"),
                Arguments.of("payload type 128", MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 128\r\n", "payload type"),
                Arguments.of("payload type not a number", MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF opus\r\n", "payload type"),
                Arguments.of("payload type twice", MINIMAL + "m=audio 9 UDP/TLS/RTP/SAVPF 111 111\r\n", "twice"),
                Arguments.of("duplicate mid", MINIMAL + audio + "a=mid:0\r\n" + audio + "a=mid:0\r\n", "used by two"),
                Arguments.of("mid given twice", MINIMAL + audio + "a=mid:0\r\na=mid:1\r\n", "given twice"),
                Arguments.of("BUNDLE names unknown mid", MINIMAL + "a=group:BUNDLE 0 1\r\n" + audio + "a=mid:0\r\n", "no m-section"),
                Arguments.of("BUNDLE names a mid twice", MINIMAL + "a=group:BUNDLE 0 0\r\n" + audio + "a=mid:0\r\n", "twice"),
                Arguments.of("SSRC above 32 bits", MINIMAL + audio + "a=ssrc:4294967296 cname:x\r\n", "SSRC"),
                Arguments.of("SSRC two cnames", MINIMAL + audio + "a=ssrc:1 cname:x\r\na=ssrc:1 cname:y\r\n", "two different cnames"),
                Arguments.of("ssrc line without attribute", MINIMAL + audio + "a=ssrc:1\r\n", "a=ssrc must be"),
                Arguments.of("FID with one SSRC", MINIMAL + audio + "a=ssrc-group:FID 1\r\n", "exactly two"),
                Arguments.of("short fingerprint", MINIMAL + "a=fingerprint:sha-256 AB:CD\r\n", "32 bytes"),
                Arguments.of("fingerprint not hex", MINIMAL + "a=fingerprint:sha-256 " + ChromeSdp.CLIENT_FINGERPRINT.replace('A', 'G') + "\r\n", "hex pairs"),
                Arguments.of("fingerprint without value", MINIMAL + "a=fingerprint:sha-256\r\n", "hash-function"),
                Arguments.of("ufrag too short", MINIMAL + "a=ice-ufrag:abc\r\n", "ice-ufrag"),
                Arguments.of("pwd with a space", MINIMAL + "a=ice-pwd:0123456789 0123456789abcdef\r\n", "ice-pwd"),
                Arguments.of("setup unknown", MINIMAL + "a=setup:server\r\n", "a=setup"),
                Arguments.of("mid without value", MINIMAL + audio + "a=mid\r\n", "needs a value"),
                Arguments.of("rtpmap clock rate", MINIMAL + audio + "a=rtpmap:111 opus/fast/2\r\n", "clock rate"),
                Arguments.of("rtpmap twice", MINIMAL + audio + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:111 opus/48000/2\r\n", "twice"),
                Arguments.of("fmtp twice", MINIMAL + audio + "a=fmtp:111 a=1\r\na=fmtp:111 a=2\r\n", "twice"),
                Arguments.of("rtcp-fb without type", MINIMAL + audio + "a=rtcp-fb:111\r\n", "rtcp-fb"),
                Arguments.of("extmap id 0", MINIMAL + audio + "a=extmap:0 urn:x\r\n", "extmap id"),
                Arguments.of("extmap id 256", MINIMAL + audio + "a=extmap:256 urn:x\r\n", "extmap id"),
                Arguments.of("extmap id twice", MINIMAL + audio + "a=extmap:1 urn:x\r\na=extmap:1 urn:y\r\n", "used twice"),
                Arguments.of("extmap bad direction", MINIMAL + audio + "a=extmap:1/both urn:x\r\n", "direction"),
                Arguments.of("rid bad direction", MINIMAL + audio + "a=rid:q sideways\r\n", "send or recv"),
                Arguments.of("rid declared twice", MINIMAL + audio + "a=rid:q send\r\na=rid:q send\r\n", "twice"),
                Arguments.of("simulcast names unknown rid", MINIMAL + audio + "a=rid:q send\r\na=simulcast:send q;h\r\n", "no matching"),
                Arguments.of("simulcast wrong rid direction", MINIMAL + audio + "a=rid:q recv\r\na=simulcast:send q\r\n", "no matching"),
                Arguments.of("simulcast empty stream", MINIMAL + audio + "a=rid:q send\r\na=simulcast:send q;;\r\n", "not a rid"),
                Arguments.of("simulcast send twice", MINIMAL + audio + "a=rid:q send\r\na=simulcast:send q send q\r\n", "at most once"),
                Arguments.of("msid with three fields", MINIMAL + audio + "a=msid:a b c\r\n", "msid must be"),
                Arguments.of("two directions", MINIMAL + audio + "a=sendonly\r\na=recvonly\r\n", "given twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSdp")
    void brokenSdpIsRefusedWithAClearSdpParseException(String name, String sdp, String messagePart) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' should mention '" + messagePart + "'");
    }

    @Test
    void errorsNameTheLine() {
        String sdp = ChromeSdp.replaceLine(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO), "a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus");
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(sdp));
        int expected = ChromeSdp.lines(sdp).indexOf("a=rtpmap:111 opus") + 1;
        assertEquals(expected, e.line());
        assertTrue(e.getMessage().startsWith("SDP line " + expected + ": "));
    }

    @Test
    void nullIsRefused() {
        assertThrows(SdpParseException.class, () -> SdpParser.parse(null));
    }

    @Test
    void sdpLargerThan256KibIsRefused() {
        String big = MINIMAL + ("a=x-filler:" + "x".repeat(1000) + "\r\n").repeat(SdpParser.MAX_SDP_BYTES / 1000);
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(big));
        assertTrue(e.getMessage().contains("limit"));
    }

    @Test
    void theSizeLimitCountsUtf8BytesNotCharacters() {
        // 100 000 characters, but three bytes each in UTF-8: over 256 KiB on the wire.
        String wide = MINIMAL + ("s=" + "\u20ac".repeat(1000) + "\r\n").repeat(100);
        assertTrue(wide.length() < SdpParser.MAX_SDP_BYTES);
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(wide));
        assertTrue(e.getMessage().contains("limit"));
    }

    @Test
    void lineLongerThan4KibIsRefusedButOneAtTheLimitIsNot() throws SdpParseException {
        String prefix = "a=x:";
        String atLimit = MINIMAL + prefix + "x".repeat(SdpParser.MAX_LINE_CHARS - prefix.length()) + "\r\n";
        SdpParser.parse(atLimit);
        String over = MINIMAL + prefix + "x".repeat(SdpParser.MAX_LINE_CHARS - prefix.length() + 1) + "\r\n";
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(over));
        assertTrue(e.getMessage().contains("longer than"));
        assertEquals(5, e.line());
    }

    @Test
    void atMost64MediaSectionsAreRead() throws SdpParseException {
        StringBuilder b = new StringBuilder(MINIMAL);
        for (int i = 0; i < SdpParser.MAX_MEDIA_SECTIONS; i++) {
            b.append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:").append(i).append("\r\n");
        }
        assertEquals(64, SdpParser.parse(b.toString()).media().size());
        b.append("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:64\r\n");
        SdpParseException e = assertThrows(SdpParseException.class, () -> SdpParser.parse(b.toString()));
        assertTrue(e.getMessage().contains("more than 64"));
    }

    @Test
    void theModelIsImmutable() throws SdpParseException {
        MediaSection audio = SdpParser.parse(ChromeSdp.load(ChromeSdp.AUDIO_VIDEO)).media().get(0);
        assertThrows(UnsupportedOperationException.class, () -> audio.payloadTypes().clear());
        assertThrows(UnsupportedOperationException.class, () -> audio.payloadTypes().get(0).parameters().clear());
        assertThrows(UnsupportedOperationException.class, () -> audio.payloadTypes().get(0).rtcpFeedback().clear());
    }
}
