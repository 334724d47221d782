package io.cpaas.sfu.sdp;

/** The direction of an {@code a=rid} line or of a list in {@code a=simulcast} (RFC 8851, RFC 8853). */
public enum RidDirection {
    SEND("send"),
    RECV("recv");

    private final String sdpName;

    RidDirection(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }
}
