/**
 * What one load run does: N rooms × P publishers × S subscribers, for how long, with what media.
 * {@code speakers}: publishers per room whose audio carries a voice's RFC 6464 level, the others' says
 * silence; -1 sends no level at all. {@code feedback}: publishers stamp transport-wide sequence numbers
 * and subscribers send congestion control feedback and receiver reports, as browsers do.
 */
record LoadPlan(int rooms, int publishers, int subscribers, int seconds, int warmupSeconds, int keyframeSeconds,
                int setupThreads, int receiveThreads, boolean audio, boolean video, boolean progress, int speakers,
                boolean feedback) {

    /** The audio level octet publisher {@code index} of a room sends (-25 dBov or silence), -1 for none. */
    int audioLevelOf(int index) {
        return speakers < 0 ? -1 : index < speakers ? 25 : 127;
    }

    int participantsPerRoom() {
        return publishers + subscribers;
    }

    /** Forwarded video streams once everyone is in: each subscriber receives every publisher of its room. */
    int forwardedVideoStreams() {
        return video ? rooms * publishers * subscribers : 0;
    }

    int forwardedStreams() {
        return rooms * publishers * subscribers * ((audio ? 1 : 0) + (video ? 1 : 0));
    }
}
