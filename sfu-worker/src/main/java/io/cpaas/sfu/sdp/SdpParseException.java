package io.cpaas.sfu.sdp;

/**
 * An SDP that cannot be read, or that was read but cannot be negotiated (an offer without ICE credentials,
 * an answer that names other mids than our offer). The message says which line or m-section is at fault and
 * is meant to be passed back to the client as the reason its description was refused.
 */
public final class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    /** A failure not tied to one line (a limit, a missing part, a negotiation rule). */
    public SdpParseException(String message) {
        this(message, 0);
    }

    /** A failure at a 1-based line number of the SDP text. */
    public SdpParseException(String message, int line) {
        super(line > 0 ? "SDP line " + line + ": " + message : "SDP: " + message);
        this.line = line;
    }

    /** The 1-based line at fault, or 0 when the failure is not tied to one line. */
    public int line() {
        return line;
    }
}
