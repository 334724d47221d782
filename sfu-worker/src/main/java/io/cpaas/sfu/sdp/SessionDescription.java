package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP (offer or answer): session-level attributes and the m-sections in order.
 *
 * @param sessionId      the o= line's sess-id, digits as written
 * @param sessionVersion the o= line's sess-version, digits as written
 * @param iceUfrag       session-level only; see {@link MediaSection} for the effective per-section value
 * @param msidSemantic   the {@code a=msid-semantic} value as written, trimmed ({@code WMS stream-id})
 */
public record SessionDescription(
        String sessionId,
        String sessionVersion,
        Optional<String> iceUfrag,
        Optional<String> icePwd,
        List<Fingerprint> fingerprints,
        Optional<SetupRole> setup,
        boolean iceLite,
        List<String> iceOptions,
        List<SdpGroup> groups,
        Optional<String> msidSemantic,
        boolean extmapAllowMixed,
        List<MediaSection> media) {

    public SessionDescription {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sessionVersion, "sessionVersion");
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
        iceOptions = List.copyOf(iceOptions);
        groups = List.copyOf(groups);
        Objects.requireNonNull(msidSemantic, "msidSemantic");
        media = List.copyOf(media);
    }

    /** The first {@code a=group:BUNDLE}; Chromium writes one. */
    public Optional<SdpGroup> bundleGroup() {
        return groups.stream().filter(g -> g.semantics().equalsIgnoreCase(SdpGroup.BUNDLE)).findFirst();
    }

    public Optional<MediaSection> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }
}
