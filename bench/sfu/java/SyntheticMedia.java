import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One publisher's synthetic audio and video, written straight into the send loop's buffer: Opus-sized
 * audio (100-byte payloads, 50 packets/s) and VP8-like video (30 frames/s, two ~960-byte packets a
 * frame, about 500 kbit/s; a 15-packet keyframe every {@code keyframeSeconds} or when the server asks),
 * marker bit on each frame's last packet. The last 8 bytes of every payload carry System.nanoTime()
 * at sending, for the subscribers' end-to-end latency. Keyframe packets are paced two per millisecond,
 * as a browser's pacer would spread them. Audio may carry an RFC 6464 level (a one-byte header
 * extension, as Chromium sends it): silence throughout, or a voice that speaks for 3 s and pauses for
 * 1 s, as speech does. Every packet may carry a transport-wide sequence number, as Chromium's do, for
 * the server's congestion control feedback.
 */
final class SyntheticMedia {

    static final int AUDIO_PAYLOAD = 100;
    static final int VIDEO_PAYLOAD = 960;
    static final int KEYFRAME_PAYLOAD = 1100;
    static final int KEYFRAME_PACKETS = 15;
    private static final long AUDIO_INTERVAL = 20_000_000L;
    private static final long FRAME_INTERVAL = 33_333_333L;
    private static final long MIN_KEYFRAME_GAP = 500_000_000L;
    /** A speaker's audio: 3 s of voice, then 1 s of silence. */
    private static final int SPEECH_PACKETS = 150;
    private static final int PAUSE_PACKETS = 50;

    final SimulatedPeer peer;
    final int audioSsrc;
    final int videoSsrc;
    private final boolean audio;
    private final boolean video;
    private final long keyframeInterval;
    /** The RFC 6464 level octet of the voice (silence: 127); -1: audio carries no level. */
    private final int audioLevel;
    private int audioPackets;
    private final boolean transportCc;
    private int transportSequence = ThreadLocalRandom.current().nextInt(0x10000);
    private int audioPt = ClientSdp.OPUS_PT;
    private int videoPt = ClientSdp.VP8_PT;
    private int audioSeq = ThreadLocalRandom.current().nextInt(0x10000);
    private int videoSeq = ThreadLocalRandom.current().nextInt(0x10000);
    private int audioTs = ThreadLocalRandom.current().nextInt();
    private int videoTs = ThreadLocalRandom.current().nextInt();
    private long nextAudio;
    private long nextFrame;
    private long nextKeyframe;
    private long lastKeyframe;
    private int framePacketsLeft;
    private int framePacketIndex;
    private boolean frameIsKey;
    volatile long packetsSent;
    volatile long bytesSent;
    volatile long sendErrors;

    SyntheticMedia(SimulatedPeer peer, int audioSsrc, int videoSsrc, boolean audio, boolean video, int keyframeSeconds,
                   int audioLevel, boolean transportCc) {
        this.peer = peer;
        this.audioLevel = audioLevel;
        this.transportCc = transportCc;
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        this.audio = audio;
        this.video = video;
        this.keyframeInterval = keyframeSeconds * 1_000_000_000L;
        long now = System.nanoTime();
        // Spread publishers over a frame interval so their bursts do not line up.
        long offset = ThreadLocalRandom.current().nextLong(FRAME_INTERVAL);
        nextAudio = now + offset % AUDIO_INTERVAL;
        nextFrame = now + offset;
        nextKeyframe = nextFrame; // the first frame is a keyframe
    }

    boolean sendsAudioLevel() {
        return audioLevel >= 0;
    }

    boolean sendsTransportCc() {
        return transportCc;
    }

    /** The payload types the server's answer chose (Janus may renumber). */
    void payloadTypes(int audioPayloadType, int videoPayloadType) {
        audioPt = audioPayloadType;
        videoPt = videoPayloadType;
    }

    /** Sends whatever is due at {@code now}; answers when it next has something to send. */
    long tick(long now, byte[] buf, ByteBuffer wrapper) {
        if (audio && now >= nextAudio) {
            int len = header(buf, audioPt, audioSeq++, audioTs, audioSsrc, false);
            int level = -1;
            if (audioLevel >= 0) {
                boolean pausing = audioPackets++ % (SPEECH_PACKETS + PAUSE_PACKETS) >= SPEECH_PACKETS;
                level = pausing ? 127 : audioLevel;
            }
            len = extensions(buf, len, level);
            audioTs += 960;
            len = payload(buf, len, AUDIO_PAYLOAD, -1);
            send(buf, len, wrapper);
            nextAudio += AUDIO_INTERVAL;
            if (now - nextAudio > 1_000_000_000L) {
                nextAudio = now; // the loop stalled for a second: do not burst to catch up
            }
        }
        if (video) {
            if (framePacketsLeft == 0 && now >= nextFrame) {
                boolean asked = peer.keyframeRequested && now - lastKeyframe >= MIN_KEYFRAME_GAP;
                frameIsKey = now >= nextKeyframe || asked;
                if (frameIsKey) {
                    peer.keyframeRequested = false;
                    lastKeyframe = now;
                    nextKeyframe = now + keyframeInterval;
                }
                framePacketsLeft = frameIsKey ? KEYFRAME_PACKETS : 2;
                framePacketIndex = 0;
                videoTs += 3000;
                nextFrame += FRAME_INTERVAL;
                if (now - nextFrame > 1_000_000_000L) {
                    nextFrame = now;
                }
            }
            for (int i = 0; i < 2 && framePacketsLeft > 0; i++) {
                boolean last = framePacketsLeft == 1;
                int len = extensions(buf, header(buf, videoPt, videoSeq++, videoTs, videoSsrc, last), -1);
                int descriptorAt = len;
                len = payload(buf, len, frameIsKey ? KEYFRAME_PAYLOAD : VIDEO_PAYLOAD, framePacketIndex == 0 ? (frameIsKey ? 1 : 0) : -1);
                if (framePacketIndex > 0) {
                    buf[descriptorAt] = 0x00; // continuation of partition 0
                }
                send(buf, len, wrapper);
                framePacketsLeft--;
                framePacketIndex++;
            }
        }
        long next = Long.MAX_VALUE;
        if (audio) {
            next = nextAudio;
        }
        if (video) {
            next = Math.min(next, framePacketsLeft > 0 ? now + 1_000_000L : nextFrame);
        }
        return next;
    }

    private static int header(byte[] buf, int pt, int seq, int ts, int ssrc, boolean marker) {
        buf[0] = (byte) 0x80;
        buf[1] = (byte) ((marker ? 0x80 : 0) | pt);
        buf[2] = (byte) (seq >>> 8);
        buf[3] = (byte) seq;
        buf[4] = (byte) (ts >>> 24);
        buf[5] = (byte) (ts >>> 16);
        buf[6] = (byte) (ts >>> 8);
        buf[7] = (byte) ts;
        buf[8] = (byte) (ssrc >>> 24);
        buf[9] = (byte) (ssrc >>> 16);
        buf[10] = (byte) (ssrc >>> 8);
        buf[11] = (byte) ssrc;
        return 12;
    }

    /**
     * Appends an RFC 8285 one-byte header extension block with the audio level ({@code levelOctet}, -1
     * for none) and the next transport-wide sequence number (when on) and sets the X bit; nothing when
     * neither is sent.
     */
    private int extensions(byte[] buf, int at, int levelOctet) {
        if (levelOctet < 0 && !transportCc) {
            return at;
        }
        buf[0] |= 0x10;
        buf[at] = (byte) 0xBE;
        buf[at + 1] = (byte) 0xDE;
        int end = at + 4;
        if (levelOctet >= 0) {
            buf[end++] = (byte) (ClientSdp.AUDIO_LEVEL_ID << 4); // length field 0: one byte of data
            buf[end++] = (byte) levelOctet;
        }
        if (transportCc) {
            int sequence = transportSequence++ & 0xFFFF;
            buf[end++] = (byte) (ClientSdp.TRANSPORT_CC_ID << 4 | 1); // two bytes of data
            buf[end++] = (byte) (sequence >>> 8);
            buf[end++] = (byte) sequence;
        }
        while ((end - at) % 4 != 0) {
            buf[end++] = 0;
        }
        int words = (end - at - 4) / 4;
        buf[at + 2] = (byte) (words >>> 8);
        buf[at + 3] = (byte) words;
        return end;
    }

    /**
     * The payload after the header: for video a VP8 payload descriptor (S=1, PID=0) and, on a frame's
     * first packet, a frame tag ({@code vp8Start} 1: key frame with its start code and size; 0: inter
     * frame); -1 for audio or a continuation packet. Zeros, then the send time in the last 8 bytes.
     */
    private static int payload(byte[] buf, int at, int size, int vp8Start) {
        int end = at + size;
        java.util.Arrays.fill(buf, at, end - 8, (byte) 0);
        if (vp8Start >= 0) {
            buf[at] = 0x10;
            if (vp8Start == 1) {
                // frame tag: P=0 (key frame), version 0, show_frame=1; then 9D 01 2A and 640x360
                buf[at + 1] = 0x10;
                buf[at + 4] = (byte) 0x9D;
                buf[at + 5] = 0x01;
                buf[at + 6] = 0x2A;
                buf[at + 7] = (byte) 0x80;
                buf[at + 8] = 0x02;
                buf[at + 9] = 0x68;
                buf[at + 10] = 0x01;
            } else {
                buf[at + 1] = 0x11; // P=1: inter frame
            }
        }
        long sent = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            buf[end - 8 + i] = (byte) (sent >>> (56 - 8 * i));
        }
        return end;
    }

    private void send(byte[] buf, int len, ByteBuffer wrapper) {
        int protectedLength = peer.outbound().protectRtp(buf, 0, len);
        if (protectedLength < 0) {
            sendErrors++;
            return;
        }
        wrapper.clear().limit(protectedLength);
        try {
            if (peer.channel.write(wrapper) == protectedLength) {
                packetsSent++;
                bytesSent += protectedLength;
            } else {
                sendErrors++;
            }
        } catch (IOException e) {
            sendErrors++;
        }
    }
}
