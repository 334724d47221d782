package io.cpaas.sfu.media;

import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.rtp.KeyframeDetector;
import io.cpaas.sfu.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * One track a publisher sends: its layers (three simulcast layers, lowest first, or the one stream
 * of a track without simulcast; see {@link UpLayer}), its codec, and the subscribers it goes to.
 * Each subscriber's {@link DownTrack} picks which layer it forwards.
 */
final class UpTrack {

    private final PublishedTrack track;
    private final ParticipantMedia publisher;
    private final UpLayer[] layers;
    private final boolean simulcast;
    private final byte[] midBytes;
    private final KeyframeDetector keyframes;
    private final String codec;
    private final int clockRate;
    private final int payloadType;
    private final io.cpaas.sfu.sdp.PayloadType codecDescription;
    private final List<DownTrack> downTracks = new CopyOnWriteArrayList<>();
    private final SilentAudioFilter silence = new SilentAudioFilter();
    private final LongAdder packets = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    /** The publisher's RTX payload type for the codec; -1 when it sends no RTX. */
    private volatile int rtxPayloadType = -1;
    /** Read by the receive thread for every packet: a plain volatile flag, no lock. */
    private volatile boolean serverMuted;


    /**
     * @param ssrc the SSRC of a track without simulcast (ignored with rids)
     * @param rids the simulcast rids, lowest layer first; empty without simulcast
     */
    UpTrack(PublishedTrack track, ParticipantMedia publisher, int ssrc, List<String> rids, String codec, int clockRate,
            int payloadType, io.cpaas.sfu.sdp.PayloadType codecDescription) {
        this.codecDescription = codecDescription;
        this.track = track;
        this.publisher = publisher;
        this.codec = codec;
        this.clockRate = clockRate;
        this.payloadType = payloadType;
        this.simulcast = !rids.isEmpty();
        this.midBytes = track.mid().getBytes(StandardCharsets.US_ASCII);
        this.keyframes = KeyframeDetector.forEncoding(codec).orElse(null);
        if (simulcast) {
            layers = new UpLayer[rids.size()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = new UpLayer(i, rids.get(i), 0, clockRate);
            }
        } else {
            layers = new UpLayer[] {new UpLayer(0, null, ssrc, clockRate)};
        }
    }

    /** The layers, lowest first: one without simulcast. */
    UpLayer[] layers() {
        return layers;
    }

    /** Whether the track has simulcast layers that subscribers choose between. */
    boolean simulcast() {
        return simulcast;
    }

    /** The layer receiving on {@code ssrc}, or null; allocation-free, for every packet. */
    UpLayer layer(int ssrc) {
        for (UpLayer layer : layers) {
            if (layer.ssrcKnown() && layer.ssrc() == ssrc) {
                return layer;
            }
        }
        return null;
    }

    /**
     * Losses between the publisher and the worker are NACKed on every layer, and repaired by RTX on
     * {@code rtxPayloadType} (-1: repairs come as plain resends of the original). Before the first packet.
     */
    void repairLosses(int rtxPayloadType) {
        this.rtxPayloadType = rtxPayloadType;
        for (UpLayer layer : layers) {
            layer.repairLosses();
        }
    }

    int rtxPayloadType() {
        return rtxPayloadType;
    }

    /** The layer the RTX stream on {@code rtxSsrc} repairs, or null; allocation-free. */
    UpLayer repairedLayer(int rtxSsrc) {
        for (UpLayer layer : layers) {
            if (layer.rtxSsrcKnown() && layer.rtxSsrc() == rtxSsrc) {
                return layer;
            }
        }
        return null;
    }

    /** The mid of the track's m-section as bytes, to match the mid header extension. */
    byte[] midBytes() {
        return midBytes;
    }

    /** Whether the packet starts a keyframe (false for audio and codecs without a detector). */
    boolean startsKeyframe(RtpPacket packet) {
        return keyframes != null && keyframes.isKeyframe(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
    }

    PublishedTrack track() {
        return track;
    }

    ParticipantMedia publisher() {
        return publisher;
    }

    /** The SSRC of the lowest layer (of the only one without simulcast); 0 while not learned. */
    int ssrc() {
        return layers[0].ssrc();
    }

    String codec() {
        return codec;
    }

    int clockRate() {
        return clockRate;
    }

    int payloadType() {
        return payloadType;
    }

    /** The negotiated codec as the publisher's SDP describes it. */
    io.cpaas.sfu.sdp.PayloadType codecDescription() {
        return codecDescription;
    }

    boolean isVideo() {
        return "video".equals(track.kind());
    }

    List<DownTrack> downTracks() {
        return downTracks;
    }

    /** Which of a microphone track's packets are silence its subscribers can do without; receive thread only. */
    SilentAudioFilter silence() {
        return silence;
    }

    void add(DownTrack downTrack) {
        downTracks.add(downTrack);
    }

    void remove(DownTrack downTrack) {
        downTracks.remove(downTrack);
    }

    boolean serverMuted() {
        return serverMuted;
    }

    void serverMuted(boolean value) {
        serverMuted = value;
    }

    void counted(int length) {
        packets.increment();
        bytes.add(length);
    }

    long packets() {
        return packets.sum();
    }

    long bytes() {
        return bytes.sum();
    }
}
