package io.cpaas.sfu.media;

import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.PublishedTrack;
import io.cpaas.sfu.room.Room;
import io.cpaas.sfu.rtp.RtpPacket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The media side of the worker-to-worker relay (io.cpaas.sfu.relay): on an edge, tracks of
 * participants hosted on the origin become ordinary up tracks of their mirrored participants, fed
 * by relayed packets instead of a peer connection, and forwarded to local subscribers as any other;
 * on the origin, keyframe requests that edges relay reach the publisher.
 */
@ApplicationScoped
public class RelayedMedia {

    private final MediaRouter router;
    /** Receive thread only. */
    private final RtpPacket rtp = new RtpPacket();

    public RelayedMedia(MediaRouter router) {
        this.router = router;
    }

    /** How a locally published track is relayed; empty when it is not (or no longer) published. */
    public Optional<RelayedTrack> describe(Participant publisher, String trackSid) {
        ParticipantMedia media = publisher.media();
        UpTrack up = media == null ? null : media.upTrackOf(trackSid);
        if (up == null) {
            return Optional.empty();
        }
        return Optional.of(new RelayedTrack(up.ssrc() & 0xFFFFFFFFL, up.codecDescription(), media.publishExtensionIds()));
    }

    /** Where keyframe requests for a mirrored participant's tracks go (the relay towards the origin). */
    public void keyframeSink(Participant mirror, LongConsumer sink) {
        ParticipantMedia media = mirror.media();
        if (media != null) {
            media.relayKeyframes(sink);
        }
    }

    /**
     * A mirrored participant publishes a track: every local subscriber gets it, as from a local
     * publisher. The caller announces it (trackPublished) to the room. False when the track is known.
     */
    public boolean publish(Room room, Participant mirror, PublishedTrack track, RelayedTrack relayed) {
        ParticipantMedia media = mirror.media();
        if (media == null) {
            return false;
        }
        synchronized (room) {
            if (media.isClosed() || media.upTrackOf(track.sid()) != null) {
                return false;
            }
            media.publishExtensionIds(relayed.extensionIds());
            UpTrack up = new UpTrack(track, media, (int) relayed.ssrc(), List.of(), relayed.codec().encodingName(),
                    relayed.codec().clockRate(), relayed.codec().payloadType(), relayed.codec());
            media.addUpTrack(up);
            mirror.putTrack(track);
            for (Participant other : room.participants()) {
                ParticipantMedia subscriber = other.media();
                if (other != mirror && subscriber != null && other.grants().subscribe()) {
                    router.attach(up, subscriber);
                    router.renegotiate(subscriber);
                }
            }
            return true;
        }
    }

    /** A mirrored participant's track went away: its subscribers stop receiving it. False when unknown. */
    public boolean unpublish(Room room, Participant mirror, String trackSid) {
        ParticipantMedia media = mirror.media();
        if (media == null) {
            return false;
        }
        synchronized (room) {
            UpTrack up = media.removeUpTrack(trackSid);
            mirror.removeTrack(trackSid);
            if (up == null) {
                return false;
            }
            for (DownTrack down : List.copyOf(up.downTracks())) {
                up.remove(down);
                ParticipantMedia subscriber = down.subscriber();
                subscriber.removeDownTrack(trackSid);
                router.renegotiate(subscriber);
            }
            return true;
        }
    }

    /**
     * A relayed RTP packet (as the publisher sent it) of a mirrored participant: forwarded to the
     * local subscribers of its track. Receive thread only. False when no track of it has this SSRC.
     */
    public boolean forward(Participant mirror, byte[] buf, int off, int len) {
        ParticipantMedia media = mirror.media();
        if (media == null) {
            return false;
        }
        rtp.wrap(buf, off, len);
        if (!rtp.isValid()) {
            return false;
        }
        UpTrack up = media.upTrack(rtp.ssrc() & 0xFFFFFFFFL);
        if (up == null || rtp.payloadType() != up.payloadType()) {
            return false;
        }
        long started = System.nanoTime();
        MediaCounters counters = router.counters();
        counters.rtpIn.increment();
        counters.rtpInBytes.add(len);
        UpLayer layer = up.layer(rtp.ssrc());
        if (layer == null) {
            return false;
        }
        layer.reception().onPacket(rtp.sequenceNumber(), rtp.timestamp(), started);
        up.counted(len);
        layer.onPacket(len, started);
        boolean keyframe = up.simulcast() && up.startsKeyframe(rtp);
        // The origin relays silence too: whether to leave it out depends on this edge's audience.
        boolean silence = media.audioLevelId() > 0 && !up.isVideo()
                && router.isSkippedSilence(up, rtp.audioLevelOctet(media.audioLevelId()));
        router.fanOut(up, layer, keyframe, silence, rtp, started);
        counters.forwarded(started);
        return true;
    }

    /** An edge asks for a keyframe of the track its publisher sends here with {@code ssrc}. */
    public void keyframeRequested(Room room, long ssrc) {
        for (Participant participant : room.participants()) {
            ParticipantMedia media = participant.media();
            UpTrack up = media == null ? null : media.upTrack(ssrc);
            if (up != null) {
                router.requestKeyframe(up);
                return;
            }
        }
    }
}
