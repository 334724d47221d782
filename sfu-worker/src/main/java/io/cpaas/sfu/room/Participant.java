package io.cpaas.sfu.room;

import io.cpaas.api.token.RoomGrants;
import io.cpaas.sfu.signal.SignalChannel;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One participant connected to this worker: who it is, what it may do, what it publishes. Name,
 * metadata and grants start as the ticket said and may be changed by room-service while it is here.
 */
public final class Participant {

    private final String sid;
    private final String identity;
    private volatile String name;
    private volatile String metadata;
    private volatile RoomGrants grants;
    private final SignalChannel channel;
    private final Instant joinedAt = Instant.now();
    private final Map<String, PublishedTrack> tracks = new ConcurrentHashMap<>();
    private final ParticipantTraffic traffic = new ParticipantTraffic();
    private volatile Object media;
    private volatile boolean left;
    private volatile String leaveReason;
    private final boolean relayed;

    public Participant(String sid, String identity, String name, String metadata, RoomGrants grants, SignalChannel channel) {
        this(sid, identity, name, metadata, grants, channel, false);
    }

    /**
     * {@code relayed}: the participant is connected to another worker of the room (a broadcast's
     * origin or edge, see the relay package) and only mirrored here, so that the room sees it; the
     * worker does not report it to room-service as its own.
     */
    public Participant(String sid, String identity, String name, String metadata, RoomGrants grants, SignalChannel channel,
                       boolean relayed) {
        this.relayed = relayed;
        this.sid = sid;
        this.identity = identity;
        this.name = name;
        this.metadata = metadata;
        this.grants = grants;
        this.channel = channel;
    }

    /** True for a participant hosted on another worker and mirrored here by the relay. */
    public boolean relayed() {
        return relayed;
    }

    public String sid() {
        return sid;
    }

    public String identity() {
        return identity;
    }

    public String name() {
        return name;
    }

    public String metadata() {
        return metadata;
    }

    public RoomGrants grants() {
        return grants;
    }

    /** When it joined this worker. */
    public Instant joinedAt() {
        return joinedAt;
    }

    /** Applies a change made by room-service; null leaves a value as it is. Callers hold the room's lock. */
    public void update(String newName, String newMetadata, RoomGrants newGrants) {
        if (newName != null) {
            name = newName;
        }
        if (newMetadata != null) {
            metadata = newMetadata;
        }
        if (newGrants != null) {
            grants = newGrants;
        }
    }

    public SignalChannel channel() {
        return channel;
    }

    /** Set when the participant left or was replaced; its connection may still be closing. */
    void markLeft(String reason) {
        if (!left) {
            leaveReason = reason;
        }
        left = true;
    }

    /** Why the participant left (null while it is here): disconnected, replaced, removed, worker_stopping. */
    public String leaveReason() {
        return leaveReason;
    }

    public boolean hasLeft() {
        return left;
    }

    public ParticipantTraffic traffic() {
        return traffic;
    }

    public boolean hidden() {
        return grants.hidden();
    }

    /** Whether {@code viewer} hears of this participant's arrival, changes and departure ({@link #announced}). */
    public boolean announcedTo(Participant viewer) {
        return announced(grants, viewer.grants());
    }

    /**
     * Whether a participant with {@code subject}'s grants is announced to one with {@code viewer}'s.
     * Hidden participants are announced to nobody. One that may not publish (a broadcast's viewer, a
     * listener) is announced only to those who may publish or administer the room: hosts see their
     * audience, the audience sees the hosts, and n viewers are not each told of the n - 1 others.
     */
    public static boolean announced(RoomGrants subject, RoomGrants viewer) {
        return !subject.hidden() && (subject.publish() || viewer.publish() || viewer.roomAdmin());
    }

    public Collection<PublishedTrack> tracks() {
        return tracks.values();
    }

    public PublishedTrack track(String trackSid) {
        return tracks.get(trackSid);
    }

    public void putTrack(PublishedTrack track) {
        tracks.put(track.sid(), track);
    }

    /** Changes a published track atomically (the publisher and room-service may both mute it); answers the new one, null when unknown. */
    public PublishedTrack updateTrack(String trackSid, UnaryOperator<PublishedTrack> change) {
        return tracks.computeIfPresent(trackSid, (sid, track) -> change.apply(track));
    }

    public PublishedTrack removeTrack(String trackSid) {
        return tracks.remove(trackSid);
    }

    /** The media side of this participant (peer connections), owned by the media layer. */
    @SuppressWarnings("unchecked")
    public <T> T media() {
        return (T) media;
    }

    public void media(Object value) {
        this.media = value;
    }
}
