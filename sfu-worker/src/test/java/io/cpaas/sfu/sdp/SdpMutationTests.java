package io.cpaas.sfu.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded random mutation of real Chromium SDP (seeded, so failures reproduce): whatever comes in, the parser
 * and the builders either succeed or throw {@link SdpParseException}, never anything else, and every answer the
 * worker writes for a mutated offer is itself valid SDP that answers each offered mid in order.
 */
class SdpMutationTests {

    private static final long SEED = 0x5D9_2024L;
    private static final int MUTANTS_PER_RESOURCE = 2500;
    private static final String PALETTE = "\u0000\r\n \t:=/;,~*-_.0123456789aAzZ~é\u007F\u2028";

    @Test
    void mutatedOffersGiveAnAnswerOrAnSdpParseExceptionOnly() {
        Random random = new Random(SEED);
        PublisherAnswerBuilder builder = new PublisherAnswerBuilder(ChromeSdp.workerTransport(), 4242);
        int parsed = 0;
        int answered = 0;
        for (String resource : ChromeSdp.OFFERS) {
            String original = ChromeSdp.load(resource);
            for (int i = 0; i < MUTANTS_PER_RESOURCE; i++) {
                String mutant = mutate(original, random);
                String where = resource + " mutant " + i;
                SessionDescription offer = parseOrNull(mutant, where);
                if (offer == null) {
                    continue;
                }
                parsed++;
                PublisherAnswer answer;
                try {
                    answer = builder.answer(offer);
                } catch (SdpParseException e) {
                    assertFalse(e.getMessage().contains("unexpected"), where + ": " + e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError(where + ": answer threw " + e + "\n" + mutant, e);
                }
                answered++;
                SessionDescription reparsed = parseOrNull(answer.sdp(), where + " (our answer)");
                if (reparsed == null) {
                    fail(where + ": our answer does not parse\n" + answer.sdp());
                }
                assertEquals(offer.media().stream().map(MediaSection::mid).toList(),
                        reparsed.media().stream().map(MediaSection::mid).toList(), where);
            }
        }
        // The mutations must leave enough valid SDP for the builder to be exercised, not just the parser.
        assertFalse(parsed < MUTANTS_PER_RESOURCE, "only " + parsed + " mutants parsed");
        assertFalse(answered < MUTANTS_PER_RESOURCE / 2, "only " + answered + " mutants were answered");
    }

    @Test
    void mutatedSubscriberAnswersGiveAModelOrAnSdpParseExceptionOnly() {
        Random random = new Random(SEED + 1);
        SubscriberOffer offer = new SubscriberOfferBuilder(ChromeSdp.workerTransport(), 99).initialOffer(List.of(
                ForwardedTrack.audio("a", "s", 1001, "c"), ForwardedTrack.video("v", "s", 2001, 2002, "c")));
        String original = ChromeSdp.load(ChromeSdp.SUBSCRIBER_ANSWER);
        for (int i = 0; i < MUTANTS_PER_RESOURCE; i++) {
            String mutant = mutate(original, random);
            try {
                SubscriberAnswerParser.parse(offer, mutant);
            } catch (SdpParseException e) {
                assertFalse(e.getMessage().contains("unexpected"), "mutant " + i + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " threw " + e + "\n" + mutant, e);
            }
        }
    }

    @Test
    void randomTextGivesAnSdpParseExceptionOnly() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder(i % 3 == 0 ? "v=0\r\n" : "");
            int length = random.nextInt(600);
            for (int j = 0; j < length; j++) {
                b.append(random.nextInt(4) == 0 ? PALETTE.charAt(random.nextInt(PALETTE.length())) : (char) (0x20 + random.nextInt(0x5F)));
            }
            parseOrNull(b.toString(), "random text " + i);
        }
    }

    private static SessionDescription parseOrNull(String sdp, String where) {
        try {
            return SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            assertFalse(e.getMessage().contains("unexpected"), where + ": " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": parser threw " + e + "\n" + sdp, e);
        }
    }

    /** One to three edits: characters, whole lines, numbers, truncation. */
    static String mutate(String sdp, Random random) {
        String out = sdp;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            out = mutateOnce(out, random);
        }
        return out;
    }

    private static String mutateOnce(String sdp, Random random) {
        if (sdp.isEmpty()) {
            return "v=0";
        }
        int at = random.nextInt(sdp.length());
        List<String> lines = new ArrayList<>(List.of(sdp.split("\r\n", -1)));
        int line = random.nextInt(lines.size());
        switch (random.nextInt(11)) {
            case 0:
                return sdp.substring(0, at) + sdp.substring(at + 1);
            case 1:
                return sdp.substring(0, at) + PALETTE.charAt(random.nextInt(PALETTE.length())) + sdp.substring(at);
            case 2:
                return sdp.substring(0, at) + (char) (0x20 + random.nextInt(0x5F)) + sdp.substring(at + 1);
            case 3:
                lines.remove(line);
                return String.join("\r\n", lines);
            case 4:
                lines.add(line, lines.get(line));
                return String.join("\r\n", lines);
            case 5:
                int other = random.nextInt(lines.size());
                String swap = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, swap);
                return String.join("\r\n", lines);
            case 6:
                return sdp.substring(0, at);
            case 7:
                return replaceNumber(sdp, at, random);
            case 8:
                String value = lines.get(line);
                int colon = value.indexOf(':');
                if (colon > 0) {
                    lines.set(line, value.substring(0, colon + 1) + value.substring(colon + 1).replace(' ', random.nextBoolean() ? ':' : ';'));
                }
                return String.join("\r\n", lines);
            case 9:
                String[] junk = {"m=video 9 UDP/TLS/RTP/SAVPF 96", "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
                        "a=mid:0", "a=group:BUNDLE 7", "a=ssrc-group:SIM 1 2 3", "a=simulcast:send x;y", "a=rid:x send pt=96",
                        "a=setup:passive", "a=fingerprint:sha-1 AB:CD", "a=extmap:15 urn:x", "a=rtcp-fb:* nack", "a=inactive",
                        "a=fmtp:97 apt=200", "a=rtpmap:96 rtx/90000", "a=fmtp:96 apt=96", "a=msid:- -", "c=IN IP4 0.0.0.0"};
                lines.add(line, junk[random.nextInt(junk.length)]);
                return String.join("\r\n", lines);
            default:
                String l = lines.get(line);
                if (!l.isEmpty()) {
                    int cut = random.nextInt(l.length());
                    lines.set(line, l.substring(0, cut) + l.substring(cut).toUpperCase());
                }
                return String.join("\r\n", lines);
        }
    }

    private static String replaceNumber(String sdp, int at, Random random) {
        int start = at;
        while (start < sdp.length() && !Character.isDigit(sdp.charAt(start))) {
            start++;
        }
        if (start >= sdp.length()) {
            return sdp;
        }
        int end = start;
        while (end < sdp.length() && Character.isDigit(sdp.charAt(end))) {
            end++;
        }
        String[] numbers = {"0", "1", "127", "128", "255", "256", "65535", "65536", "4294967295", "4294967296",
                "2147483648", "99999999999999999999999", "-1", "96", "97", "111"};
        return sdp.substring(0, start) + numbers[random.nextInt(numbers.length)] + sdp.substring(end);
    }
}
