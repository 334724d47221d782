/**
 * The streams one peer receives, found by SSRC with a linear scan: a subscriber receives a handful of
 * streams, so this beats a map and allocates nothing per packet. Replaced as a whole on renegotiation.
 */
final class ReceivedStreams {

    static final ReceivedStreams NONE = new ReceivedStreams(new ReceivedStream[0]);

    final ReceivedStream[] streams;

    ReceivedStreams(ReceivedStream[] streams) {
        this.streams = streams;
    }

    ReceivedStream find(int ssrc) {
        for (ReceivedStream stream : streams) {
            if (stream.ssrc == ssrc) {
                return stream;
            }
        }
        return null;
    }

    /** The same streams plus new ones, keeping the counts of those already there. */
    ReceivedStreams with(int[] ssrcs, boolean[] video) {
        ReceivedStream[] next = new ReceivedStream[ssrcs.length];
        for (int i = 0; i < ssrcs.length; i++) {
            ReceivedStream known = find(ssrcs[i]);
            next[i] = known != null ? known : new ReceivedStream(ssrcs[i], video[i]);
        }
        return new ReceivedStreams(next);
    }
}
