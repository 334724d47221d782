package io.cpaas.sfu.signal;

import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.Room;
import java.util.List;

/** What signaling asks of the media layer: negotiate the two peer connections of a participant. */
public interface MediaSignaling {

    /** A track the client says it is publishing in its offer: which m-section and what it is. */
    record TrackRequest(String mid, String source) {
    }

    /** Answers the client's publish offer; announces new tracks to the room. Throws SignalError. */
    String publish(Room room, Participant participant, String offerSdp, List<TrackRequest> tracks);

    /** Applies the client's answer to the worker's latest subscribe offer. Throws SignalError. */
    void subscribeAnswer(Room room, Participant participant, String answerSdp);

    /** Stops or resumes forwarding the given tracks to the participant. */
    void subscription(Room room, Participant participant, List<String> trackSids, boolean subscribe);

    /**
     * The highest simulcast layer (0 low, 1 medium, 2 high) the participant wants of a track it
     * receives; the layer it gets may be lower when its downlink is short. Throws SignalError.
     */
    void videoQuality(Room room, Participant participant, String trackSid, int layer);

    /** A published track was muted or unmuted by its publisher. */
    void muted(Room room, Participant participant, String trackSid, boolean muted);

    /** The publisher stopped publishing a track: it is removed from its subscribers and announced. Throws SignalError. */
    void unpublish(Room room, Participant participant, String trackSid);
}
