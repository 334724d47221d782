package io.cpaas.sfu.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Test resources (SDP written the way Chromium 120+ writes it) and small helpers to read and edit SDP text. */
final class ChromeSdp {

    static final String AUDIO_VIDEO = "chrome-offer-audio-video.sdp";
    static final String SIMULCAST = "chrome-offer-simulcast.sdp";
    static final String DATA_CHANNEL_FIRST = "chrome-offer-datachannel-first.sdp";
    static final String LEGACY_SIMULCAST = "chrome-offer-legacy-simulcast.sdp";
    static final String SUBSCRIBER_ANSWER = "chrome-subscriber-answer.sdp";
    static final List<String> OFFERS = List.of(AUDIO_VIDEO, SIMULCAST, DATA_CHANNEL_FIRST, LEGACY_SIMULCAST);

    static final String CLIENT_FINGERPRINT =
            "A5:4D:CA:18:25:30:BB:1D:6D:13:2C:DE:D6:23:7B:2E:D9:1E:3F:72:1F:CB:19:71:17:44:94:D6:49:3C:9D:5C";
    static final String WORKER_FINGERPRINT =
            "27:A0:AE:B3:FE:E9:23:2F:8A:F2:21:1F:9E:E4:91:C5:B1:0B:EC:B5:56:3B:FC:1E:6F:93:42:7E:CB:C8:FE:29";
    static final String STREAM = "d1c5e2f0-8a4b-4e1c-9f3a-6b7e2c1d0a95";
    static final String AUDIO_TRACK = "3f0b2e8c-54a1-4d6e-8c7b-1e9f0a2d4c63";
    static final String VIDEO_TRACK = "9a7c4e21-0b3d-4f58-a6e2-7d1c8b5f3e04";

    private ChromeSdp() {
    }

    /** A resource with CRLF line endings, as Chromium sends it. */
    static String load(String name) {
        try (InputStream in = ChromeSdp.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sdp/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LocalTransport workerTransport() {
        return new LocalTransport("Wk7s", "s3cr3tPwdForTheWorker0123", new Fingerprint("sha-256", WORKER_FINGERPRINT),
                List.of(HostCandidate.parse("127.0.0.1:7882"), HostCandidate.parse("10.0.0.5:7882")));
    }

    static List<String> lines(String sdp) {
        return Arrays.asList(sdp.split("\r\n"));
    }

    /** The lines before the first m= line. */
    static List<String> sessionPart(String sdp) {
        List<String> out = new ArrayList<>();
        for (String line : lines(sdp)) {
            if (line.startsWith("m=")) {
                break;
            }
            out.add(line);
        }
        return out;
    }

    /** The lines of the index-th m-section (0-based), m= line first. */
    static List<String> section(String sdp, int index) {
        List<List<String>> sections = new ArrayList<>();
        for (String line : lines(sdp)) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).add(line);
            }
        }
        return sections.get(index);
    }

    static int sectionCount(String sdp) {
        return (int) lines(sdp).stream().filter(l -> l.startsWith("m=")).count();
    }

    static List<String> matching(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Replaces one whole line, failing when it is not there. */
    static String replaceLine(String sdp, String line, String replacement) {
        String needle = "\r\n" + line + "\r\n";
        if (!sdp.contains(needle)) {
            throw new AssertionError("test SDP has no line " + line);
        }
        return sdp.replaceFirst(java.util.regex.Pattern.quote(needle), java.util.regex.Matcher.quoteReplacement("\r\n" + replacement + "\r\n"));
    }

    static String removeLines(String sdp, Predicate<String> remove) {
        return lines(sdp).stream().filter(remove.negate()).collect(Collectors.joining("\r\n", "", "\r\n"));
    }
}
