package io.cpaas.sfu.sdp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the SDP a client sends in signaling: its publish offer and its
 * answer to the worker's subscribe offer. Whatever the text, the parser and the builders end in a
 * model or an {@link SdpParseException} (which signaling turns into an error frame), and an answer the
 * worker writes is itself SDP that parses and answers each offered mid in order. The seeds in
 * {@code SdpFuzzTestsInputs/} are Chromium's own SDP; {@link SdpMutationTests} mutates the same by hand.
 */
class SdpFuzzTests {

    private static final PublisherAnswerBuilder PUBLISHER = new PublisherAnswerBuilder(ChromeSdp.workerTransport(), 4242);
    private static final SubscriberOffer SUBSCRIBER_OFFER = new SubscriberOfferBuilder(ChromeSdp.workerTransport(), 99)
            .initialOffer(List.of(ForwardedTrack.audio("a", "s", 1001, "c"), ForwardedTrack.video("v", "s", 2001, 2002, "c")));

    @FuzzTest(maxDuration = "5s")
    void anyOfferIsAnsweredOrRefusedAndEveryAnswerParses(byte[] input) {
        SessionDescription offer;
        try {
            offer = SdpParser.parse(new String(input, UTF_8));
        } catch (SdpParseException refused) {
            return;
        }
        PublisherAnswer answer;
        try {
            answer = PUBLISHER.answer(offer);
        } catch (SdpParseException refused) {
            return;
        }
        SessionDescription reparsed;
        try {
            reparsed = SdpParser.parse(answer.sdp());
        } catch (SdpParseException e) {
            throw new AssertionError("our answer does not parse: " + e.getMessage() + "\n" + answer.sdp(), e);
        }
        assertEquals(offer.media().stream().map(MediaSection::mid).toList(), reparsed.media().stream().map(MediaSection::mid).toList());
    }

    @FuzzTest(maxDuration = "5s")
    void anySubscriberAnswerGivesAModelOrIsRefused(byte[] input) {
        try {
            SubscriberAnswerParser.parse(SUBSCRIBER_OFFER, new String(input, UTF_8));
        } catch (SdpParseException refused) {
            // signaling answers an error frame
        }
    }
}
