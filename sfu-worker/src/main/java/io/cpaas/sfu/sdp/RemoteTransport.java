package io.cpaas.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The peer's end of the one bundled transport, taken from the tagged m-section of its SDP: the ICE ufrag that
 * ends the USERNAME of its binding requests, its password, the fingerprints its DTLS certificate must match,
 * and its {@code a=setup} role.
 */
public record RemoteTransport(String iceUfrag, String icePwd, List<Fingerprint> fingerprints, SetupRole setup) {

    public RemoteTransport {
        Objects.requireNonNull(iceUfrag, "iceUfrag");
        Objects.requireNonNull(icePwd, "icePwd");
        fingerprints = List.copyOf(fingerprints);
        Objects.requireNonNull(setup, "setup");
    }

    /** Takes the transport attributes of a section, naming it in the error when one is missing. */
    static RemoteTransport of(MediaSection section, SetupRole setup, String what) throws SdpParseException {
        String where = what + " m-section mid " + section.mid().orElse("?");
        if (section.iceUfrag().isEmpty() || section.icePwd().isEmpty()) {
            throw new SdpParseException(where + " has no a=ice-ufrag / a=ice-pwd (at media or session level)");
        }
        if (section.fingerprints().isEmpty()) {
            throw new SdpParseException(where + " has no a=fingerprint (at media or session level); DTLS cannot be verified without it");
        }
        return new RemoteTransport(section.iceUfrag().get(), section.icePwd().get(), section.fingerprints(), setup);
    }
}
