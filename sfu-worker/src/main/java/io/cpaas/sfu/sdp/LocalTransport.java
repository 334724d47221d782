package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What the worker puts in every SDP it writes about its own end of a connection: the ICE credentials the
 * STUN layer checks binding requests with, the fingerprint of its DTLS certificate, and its host candidates.
 */
public record LocalTransport(String iceUfrag, String icePwd, Fingerprint fingerprint, List<HostCandidate> candidates) {

    public LocalTransport {
        if (!SdpSyntax.isIceChars(iceUfrag, 4, 256)) {
            throw new IllegalArgumentException("ICE ufrag must be 4 to 256 characters of A-Z a-z 0-9 + /");
        }
        if (!SdpSyntax.isIceChars(icePwd, 22, 256)) {
            throw new IllegalArgumentException("ICE password must be 22 to 256 characters of A-Z a-z 0-9 + /");
        }
        Objects.requireNonNull(fingerprint, "fingerprint");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("an ICE-lite endpoint needs at least one host candidate");
        }
    }

    /** The candidate the m= and c= lines name as default. */
    HostCandidate defaultCandidate() {
        return candidates.get(0);
    }
}
