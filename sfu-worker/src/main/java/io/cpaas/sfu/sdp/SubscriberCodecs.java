package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fixed payload types and header extension ids of every subscriber connection. Publishers number their
 * codecs as they like; the forwarder rewrites payload types and extension ids from the publisher's numbering
 * ({@link NegotiatedMedia}) to these. The numbers match Chromium's own defaults where it has them, so the
 * rewrite is often a no-op.
 *
 * <pre>
 *   audio  opus/48000/2  111  (minptime=10;useinbandfec=1)
 *   video  VP8/90000      96  rtx  97
 *          VP9/90000      98  rtx  99   (profile-id=0)
 *          H264/90000    102  rtx 103   (level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f)
 *   extensions  2 abs-send-time, 3 transport-wide-cc, 4 sdes:mid
 * </pre>
 */
public final class SubscriberCodecs {

    public static final int OPUS = 111;
    public static final int VP8 = 96;
    public static final int VP8_RTX = 97;
    public static final int VP9 = 98;
    public static final int VP9_RTX = 99;
    public static final int H264 = 102;
    public static final int H264_RTX = 103;

    public static final int ABS_SEND_TIME_ID = 2;
    public static final int TRANSPORT_CC_ID = 3;
    public static final int MID_ID = 4;

    static final String OPUS_FMTP = "minptime=10;useinbandfec=1";
    static final String VP9_FMTP = "profile-id=0";
    static final String H264_FMTP = "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";

    private static final List<String> VIDEO_FEEDBACK = List.of("goog-remb", "transport-cc", "ccm fir", "nack", "nack pli");

    private static final List<PayloadType> AUDIO = List.of(
            codec(OPUS, "opus", 48000, 2, OPUS_FMTP, List.of("transport-cc")));

    private static final List<PayloadType> VIDEO = List.of(
            codec(VP8, "VP8", 90000, 0, "", VIDEO_FEEDBACK), rtx(VP8_RTX, VP8),
            codec(VP9, "VP9", 90000, 0, VP9_FMTP, VIDEO_FEEDBACK), rtx(VP9_RTX, VP9),
            codec(H264, "H264", 90000, 0, H264_FMTP, VIDEO_FEEDBACK), rtx(H264_RTX, H264));

    private static final List<Extmap> EXTENSIONS = List.of(
            new Extmap(ABS_SEND_TIME_ID, Optional.empty(), RtpExtensions.ABS_SEND_TIME, ""),
            new Extmap(TRANSPORT_CC_ID, Optional.empty(), RtpExtensions.TRANSPORT_CC, ""),
            new Extmap(MID_ID, Optional.empty(), RtpExtensions.MID, ""));

    private SubscriberCodecs() {
    }

    /** The payload types offered for a kind (media codecs and RTX), in offer order. */
    public static List<PayloadType> payloadTypes(MediaKind kind) {
        switch (kind) {
            case AUDIO:
                return AUDIO;
            case VIDEO:
                return VIDEO;
            default:
                throw new IllegalArgumentException("subscribers receive audio and video only, not " + kind);
        }
    }

    /** The header extensions offered in every subscriber m-section. */
    public static List<Extmap> extensions() {
        return EXTENSIONS;
    }

    /**
     * The subscriber payload type for a publisher's codec: Opus, VP8, VP9 profile 0, H.264 with
     * packetization-mode 1 (any profile: Chromium's decoders take them all); empty for anything else.
     */
    public static OptionalInt payloadTypeFor(PayloadType publisherCodec) {
        if (publisherCodec.isCodec("opus")) {
            return OptionalInt.of(OPUS);
        }
        if (publisherCodec.isCodec("VP8")) {
            return OptionalInt.of(VP8);
        }
        if (publisherCodec.isCodec("VP9") && publisherCodec.parameter("profile-id").orElse("0").equals("0")) {
            return OptionalInt.of(VP9);
        }
        if (publisherCodec.isCodec("H264") && publisherCodec.parameter("packetization-mode").orElse("0").equals("1")) {
            return OptionalInt.of(H264);
        }
        return OptionalInt.empty();
    }

    /** The RTX payload type for one of our media payload types. */
    public static OptionalInt rtxFor(int payloadType) {
        switch (payloadType) {
            case VP8:
                return OptionalInt.of(VP8_RTX);
            case VP9:
                return OptionalInt.of(VP9_RTX);
            case H264:
                return OptionalInt.of(H264_RTX);
            default:
                return OptionalInt.empty();
        }
    }

    private static PayloadType codec(int pt, String name, int clock, int channels, String fmtp, List<String> feedback) {
        return new PayloadType(pt, name, clock, channels, fmtp, SdpAttributes.fmtpParameters(fmtp), feedback);
    }

    private static PayloadType rtx(int pt, int apt) {
        return new PayloadType(pt, "rtx", 90000, 0, "apt=" + apt, Map.of("apt", Integer.toString(apt)), List.of());
    }
}
