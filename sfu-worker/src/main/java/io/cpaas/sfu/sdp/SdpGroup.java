package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;

/** An {@code a=group} of RFC 5888, such as {@code BUNDLE 0 1 2} of RFC 8843. */
public record SdpGroup(String semantics, List<String> mids) {

    public static final String BUNDLE = "BUNDLE";

    public SdpGroup {
        Objects.requireNonNull(semantics, "semantics");
        mids = List.copyOf(mids);
    }
}
