package io.cpaas.sfu.rtp;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells, from one RTP payload of a video codec, whether the packet starts a keyframe: the point
 * where a subscriber that joins or switches layers can start decoding.
 *
 * <p>Implementations are stateless, allocation-free and safe for any bytes: a payload too short or
 * malformed for its format is simply not a keyframe.
 */
public interface KeyframeDetector {

    /**
     * Whether the payload ({@code length} bytes of {@code buf} from {@code offset}, as given by
     * {@link RtpPacket#payloadOffset()} and {@link RtpPacket#payloadLength()}) starts a keyframe.
     */
    boolean isKeyframe(byte[] buf, int offset, int length);

    /**
     * The detector for an SDP encoding name ({@code a=rtpmap} name: VP8, VP9, H264), or empty for
     * codecs without one (audio, RTX, unknown video codecs).
     */
    static Optional<KeyframeDetector> forEncoding(String encodingName) {
        switch (encodingName.toUpperCase(Locale.ROOT)) {
            case "VP8":
                return Optional.of(Vp8KeyframeDetector.INSTANCE);
            case "VP9":
                return Optional.of(Vp9KeyframeDetector.INSTANCE);
            case "H264":
                return Optional.of(H264KeyframeDetector.INSTANCE);
            default:
                return Optional.empty();
        }
    }
}
