package io.cpaas.sfu.sdp;

import java.util.Set;

/** URIs of the RTP header extensions (RFC 8285) the worker negotiates. */
public final class RtpExtensions {

    /** RFC 8843 §15: the mid of the m-section a packet belongs to. */
    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 6464: audio level of the packet, for active-speaker detection. */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** Send time for REMB-based bandwidth estimation. */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    /** Transport-wide sequence number, for transport-cc feedback. */
    public static final String TRANSPORT_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** RFC 8852: the rid of a simulcast layer. */
    public static final String RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    /** RFC 8852: the rid an RTX stream repairs. */
    public static final String REPAIRED_RTP_STREAM_ID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";

    /** What a publisher's answer keeps; everything else the client offers is dropped. */
    static final Set<String> ACCEPTED_FROM_PUBLISHERS = Set.of(
            MID, AUDIO_LEVEL, ABS_SEND_TIME, TRANSPORT_CC, RTP_STREAM_ID, REPAIRED_RTP_STREAM_ID);

    private RtpExtensions() {
    }
}
