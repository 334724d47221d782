package io.cpaas.sfu.sdp;

import java.util.Locale;

/** The media type of an m-section ({@code m=audio}, {@code m=video}, {@code m=application}, anything else). */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video"),
    APPLICATION("application"),
    /** A media type this package does not know ({@code text}, {@code message}): always rejected. */
    OTHER("");

    private final String sdpName;

    MediaKind(String sdpName) {
        this.sdpName = sdpName;
    }

    /** The name on the m= line; empty for {@link #OTHER}. */
    public String sdpName() {
        return sdpName;
    }

    static MediaKind fromSdpName(String media) {
        switch (media.toLowerCase(Locale.ROOT)) {
            case "audio":
                return AUDIO;
            case "video":
                return VIDEO;
            case "application":
                return APPLICATION;
            default:
                return OTHER;
        }
    }
}
