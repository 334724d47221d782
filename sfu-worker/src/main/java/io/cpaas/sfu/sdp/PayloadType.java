package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP payload type of an m-section with what {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} say of it.
 *
 * @param payloadType  0–127
 * @param encodingName as written ({@code VP8}, {@code opus}, {@code rtx}); empty when the SDP has no a=rtpmap for it
 * @param clockRate    Hz; 0 when there is no a=rtpmap
 * @param channels     the encoding parameter of a=rtpmap (audio channels); 0 when not written
 * @param fmtp         the a=fmtp parameters as written, empty when there is none
 * @param parameters   the fmtp parameters split on {@code ;}, keys lower case, in order; a part without {@code =}
 *                     (RED's {@code 111/111}) is a key with an empty value
 * @param rtcpFeedback the a=rtcp-fb values ({@code nack}, {@code nack pli}, {@code transport-cc}), wildcard ones included
 */
public record PayloadType(int payloadType, String encodingName, int clockRate, int channels, String fmtp,
        Map<String, String> parameters, List<String> rtcpFeedback) {

    public PayloadType {
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(fmtp, "fmtp");
        parameters = SdpCollections.copyOf(parameters);
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    public boolean hasRtpmap() {
        return !encodingName.isEmpty();
    }

    /** Whether the encoding name is {@code name}, ignoring case as RFC 8866 asks. */
    public boolean isCodec(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    /** An fmtp parameter by name, ignoring case. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** For an RTX payload type, the payload type it repairs ({@code apt=}); empty otherwise. */
    public Optional<Integer> associatedPayloadType() {
        if (!isCodec("rtx")) {
            return Optional.empty();
        }
        String apt = parameters.get("apt");
        if (apt == null || !SdpSyntax.isDigits(apt, 3)) {
            return Optional.empty();
        }
        int value = Integer.parseInt(apt);
        return value <= 127 ? Optional.of(value) : Optional.empty();
    }

    /** The same payload type with only the given feedback kept. */
    PayloadType withRtcpFeedback(List<String> feedback) {
        return new PayloadType(payloadType, encodingName, clockRate, channels, fmtp, parameters, feedback);
    }
}
