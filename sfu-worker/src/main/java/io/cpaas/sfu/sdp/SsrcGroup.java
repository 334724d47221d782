package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An {@code a=ssrc-group} of RFC 5576: {@code FID} pairs a media SSRC with its RTX SSRC, {@code SIM} lists the
 * SSRCs of SDP-munged simulcast layers, lowest first.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";
    public static final String SIM = "SIM";

    public SsrcGroup {
        Objects.requireNonNull(semantics, "semantics");
        ssrcs = List.copyOf(ssrcs);
    }
}
