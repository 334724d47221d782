package io.cpaas.sfu.sdp;

import java.util.Optional;

/** The media direction attributes of RFC 8866 §6.7, always seen from the side that wrote the SDP. */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String sdpName;
    private final boolean sends;
    private final boolean receives;

    Direction(String sdpName, boolean sends, boolean receives) {
        this.sdpName = sdpName;
        this.sends = sends;
        this.receives = receives;
    }

    public String sdpName() {
        return sdpName;
    }

    /** Whether the side that wrote this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the side that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    static Optional<Direction> fromSdpName(String name) {
        for (Direction d : values()) {
            if (d.sdpName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
