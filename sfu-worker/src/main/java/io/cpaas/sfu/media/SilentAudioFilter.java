package io.cpaas.sfu.media;

import io.cpaas.sfu.rtp.RtpPacket;

/**
 * Which packets of one microphone track need not reach its subscribers: those whose RFC 6464 audio
 * level is below the speaker detector's noise floor ({@link AudioLevelTracker#NOISE_FLOOR_DBOV}),
 * once the silence has lasted {@link #HANGOVER_PACKETS} packets. In a large room most microphones
 * are silent most of the time, and each of their packets would otherwise be encrypted and sent once
 * per listener.
 *
 * <p>The first silent packets still go out so that every listener's decoder ends on silence: the gap
 * that follows then plays as silence, as it does after Opus DTX, rather than as a stretched last
 * syllable. The first packet with sound goes out at once, so no speech onset is cut. Down tracks close
 * the gap in sequence numbers ({@link io.cpaas.sfu.rtp.RtpRewriter#skip}) so that listeners count no
 * loss. Packets without the level extension are always forwarded. Receive thread only.
 */
final class SilentAudioFilter {

    /** 200 ms of 20 ms Opus frames. */
    static final int HANGOVER_PACKETS = 10;

    private int silentRun;

    /**
     * Takes the next packet's audio level octet ({@link RtpPacket#audioLevelOctet}, negative when
     * absent); true when that packet is silence past the hangover.
     */
    boolean isSkippable(int levelOctet) {
        if (levelOctet < 0 || RtpPacket.audioLevelOf(levelOctet) <= AudioLevelTracker.NOISE_FLOOR_DBOV) {
            silentRun = 0;
            return false;
        }
        if (silentRun < HANGOVER_PACKETS) {
            silentRun++;
            return false;
        }
        return true;
    }
}
