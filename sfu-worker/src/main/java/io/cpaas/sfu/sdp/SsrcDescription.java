package io.cpaas.sfu.sdp;

import java.util.Objects;
import java.util.Optional;

/** What the {@code a=ssrc:<ssrc> …} lines of RFC 5576 say of one SSRC: its CNAME and msid. */
public record SsrcDescription(long ssrc, Optional<String> cname, Optional<Msid> msid) {

    public SsrcDescription {
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(msid, "msid");
    }
}
