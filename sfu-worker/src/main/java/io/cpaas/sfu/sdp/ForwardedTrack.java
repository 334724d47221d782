package io.cpaas.sfu.sdp;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A track the worker forwards to a subscriber, with the SSRCs it sends it under on that connection (chosen by
 * the worker, stable for the track's life) and the ids the browser builds its MediaStream and track from.
 *
 * @param trackId  msid track id, 1–64 token characters
 * @param streamId msid stream id (the publisher's participant or stream), 1–64 token characters
 * @param rtxSsrc  the RTX SSRC, video only
 * @param cname    RTCP CNAME; tracks that should stay lip-synced share one
 */
public record ForwardedTrack(String trackId, String streamId, MediaKind kind, long ssrc, OptionalLong rtxSsrc, String cname) {

    public ForwardedTrack {
        requireMsidId(trackId, "track id");
        requireMsidId(streamId, "stream id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rtxSsrc, "rtxSsrc");
        if (kind != MediaKind.AUDIO && kind != MediaKind.VIDEO) {
            throw new IllegalArgumentException("only audio and video tracks are forwarded, not " + kind);
        }
        requireSsrc(ssrc);
        if (rtxSsrc.isPresent()) {
            if (kind != MediaKind.VIDEO) {
                throw new IllegalArgumentException("RTX is offered for video only");
            }
            requireSsrc(rtxSsrc.getAsLong());
            if (rtxSsrc.getAsLong() == ssrc) {
                throw new IllegalArgumentException("the RTX SSRC must differ from the media SSRC");
            }
        }
        if (!SdpSyntax.isVisible(cname, 255)) {
            throw new IllegalArgumentException("cname must be 1 to 255 visible ASCII characters");
        }
    }

    public static ForwardedTrack audio(String trackId, String streamId, long ssrc, String cname) {
        return new ForwardedTrack(trackId, streamId, MediaKind.AUDIO, ssrc, OptionalLong.empty(), cname);
    }

    public static ForwardedTrack video(String trackId, String streamId, long ssrc, long rtxSsrc, String cname) {
        return new ForwardedTrack(trackId, streamId, MediaKind.VIDEO, ssrc, OptionalLong.of(rtxSsrc), cname);
    }

    private static void requireMsidId(String id, String what) {
        if (!SdpSyntax.isToken(id, Msid.MAX_ID_LENGTH)) {
            throw new IllegalArgumentException(what + " must be 1 to 64 token characters (no spaces), found " + SdpSyntax.quote(id));
        }
    }

    private static void requireSsrc(long ssrc) {
        if (ssrc < 1 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC must be from 1 to 4294967295, found " + ssrc);
        }
    }
}
