package io.cpaas.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriberAnswerParserTests {

    private static final String CHROME_FINGERPRINT =
            "34:60:BE:31:20:1E:69:FE:DA:A0:EE:E8:B9:99:7F:5C:7C:29:99:FD:AF:E5:93:25:3C:D6:54:AF:4D:FA:D7:14";

    private final SubscriberOfferBuilder builder = new SubscriberOfferBuilder(ChromeSdp.workerTransport(), 99);
    private final SubscriberOffer offer = builder.initialOffer(List.of(
            ForwardedTrack.audio("alice-mic", "alice", 1001, "alice-cname"),
            ForwardedTrack.video("alice-cam", "alice", 2001, 2002, "alice-cname")));
    private final String chromeAnswer = ChromeSdp.load(ChromeSdp.SUBSCRIBER_ANSWER);

    @Test
    void chromiumAnswerIsRead() throws SdpParseException {
        SubscriberAnswer answer = SubscriberAnswerParser.parse(offer, chromeAnswer);
        RemoteTransport remote = answer.remote().orElseThrow();
        assertEquals("pL9w", remote.iceUfrag());
        assertEquals("Qm3Xr8vT2kZc7hNs4bYd1Fj6", remote.icePwd());
        assertEquals(List.of(new Fingerprint("sha-256", CHROME_FINGERPRINT)), remote.fingerprints());
        assertEquals(SetupRole.ACTIVE, remote.setup());

        SubscriberMediaAnswer audio = answer.media("0").orElseThrow();
        assertTrue(audio.accepted());
        assertEquals(Direction.RECVONLY, audio.direction());
        assertTrue(audio.accepts(SubscriberCodecs.OPUS));
        assertEquals(Map.of(RtpExtensions.ABS_SEND_TIME, 2, RtpExtensions.TRANSPORT_CC, 3, RtpExtensions.MID, 4), audio.extensionIds());

        SubscriberMediaAnswer video = answer.media("1").orElseThrow();
        assertEquals(List.of(96, 97, 98, 99, 102, 103), video.payloadTypes().stream().map(PayloadType::payloadType).toList());
        assertTrue(video.accepts(SubscriberCodecs.H264));
        assertEquals(Optional.of("42e01f"), video.payloadTypes().get(4).parameter("profile-level-id"));
    }

    @Test
    void aBrowserWithoutH264AnswersWithoutIt() throws SdpParseException {
        String answer = ChromeSdp.removeLines(chromeAnswer.replace(" 96 97 98 99 102 103", " 96 97 98 99"),
                l -> l.contains(":102 ") || l.contains(":103 "));
        SubscriberMediaAnswer video = SubscriberAnswerParser.parse(offer, answer).media("1").orElseThrow();
        assertFalse(video.accepts(SubscriberCodecs.H264));
        assertTrue(video.accepts(SubscriberCodecs.VP8));
    }

    @Test
    void aRejectedSectionIsReportedAndTheTransportComesFromTheOthers() throws SdpParseException {
        String answer = chromeAnswer.replace("m=video 9 ", "m=video 0 ").replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
        SubscriberAnswer parsed = SubscriberAnswerParser.parse(offer, answer);
        assertFalse(parsed.media("1").orElseThrow().accepted());
        assertFalse(parsed.media("1").orElseThrow().accepts(SubscriberCodecs.VP8));
        assertEquals("pL9w", parsed.remote().orElseThrow().iceUfrag());
    }

    @Test
    void passiveIsAcceptedAndReported() throws SdpParseException {
        SubscriberAnswer answer = SubscriberAnswerParser.parse(offer, chromeAnswer.replace("a=setup:active", "a=setup:passive"));
        assertEquals(SetupRole.PASSIVE, answer.remote().orElseThrow().setup());
    }

    @Test
    void anAnswerToAnInactiveSectionIsInactive() throws SdpParseException {
        SubscriberOffer v2 = builder.nextOffer(offer, List.of(ForwardedTrack.audio("alice-mic", "alice", 1001, "alice-cname")));
        String answer = chromeAnswer.replace("o=- 1860386383468126522 2 ", "o=- 1860386383468126522 3 ");
        String inactive = answer.substring(0, answer.indexOf("m=video")) + answer.substring(answer.indexOf("m=video")).replace("a=recvonly", "a=inactive");
        SubscriberMediaAnswer video = SubscriberAnswerParser.parse(v2, inactive).media("1").orElseThrow();
        assertEquals(Direction.INACTIVE, video.direction());
        assertThrows(SdpParseException.class, () -> SubscriberAnswerParser.parse(v2, answer), "recvonly to an inactive offer");
    }

    @Test
    void answersThatBreakJsepAreRefused() {
        assertRefused(chromeAnswer.replace("a=setup:active", "a=setup:actpass"), "active or passive");
        assertRefused(chromeAnswer.replace("a=mid:1", "a=mid:7").replace("BUNDLE 0 1", "BUNDLE 0 7"), "mid 7");
        assertRefused(chromeAnswer.substring(0, chromeAnswer.indexOf("m=video")).replace("BUNDLE 0 1", "BUNDLE 0"), "m-sections");
        assertRefused(chromeAnswer.replaceFirst("a=recvonly", "a=sendrecv"), "sendrecv");
        assertRefused(chromeAnswer.replace(" 96 97 98 99 102 103", " 96 97 98 99 102 103 45"), "payload type 45");
        assertRefused(chromeAnswer.replaceFirst("a=extmap:4 ", "a=extmap:5 "), "a=extmap:5");
        assertRefused(ChromeSdp.removeLines(chromeAnswer, l -> l.startsWith("a=group:")), "BUNDLE");
        assertRefused(chromeAnswer.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0"), "outside its BUNDLE group");
        assertRefused(chromeAnswer.replaceFirst("a=rtcp-mux\r\n", ""), "rtcp-mux");
        assertRefused(ChromeSdp.removeLines(chromeAnswer, l -> l.startsWith("a=fingerprint:")), "fingerprint");
        assertRefused(chromeAnswer.replace("m=audio 9 UDP/TLS/RTP/SAVPF 111", "m=video 9 UDP/TLS/RTP/SAVPF 96"), "is video");
        assertRefused("not sdp at all", "<letter>=<value>");
    }

    private void assertRefused(String answer, String messagePart) {
        SdpParseException e = assertThrows(SdpParseException.class, () -> SubscriberAnswerParser.parse(offer, answer));
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' should mention '" + messagePart + "'");
    }
}
