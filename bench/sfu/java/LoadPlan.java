/** What one load run does: N rooms × P publishers × S subscribers, for how long, with what media. */
record LoadPlan(int rooms, int publishers, int subscribers, int seconds, int warmupSeconds, int keyframeSeconds,
                int setupThreads, int receiveThreads, boolean audio, boolean video, boolean progress) {

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
