package io.cpaas.sfu.room;

import java.util.concurrent.atomic.LongAdder;

/** RTP a participant sent us (in) and we sent it (out), retransmissions included; what its usage is billed on. */
public final class ParticipantTraffic {

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();

    public void received(int bytes) {
        bytesIn.add(bytes);
        packetsIn.increment();
    }

    public void sent(int bytes) {
        bytesOut.add(bytes);
        packetsOut.increment();
    }

    public Totals totals() {
        return new Totals(bytesIn.sum(), packetsIn.sum(), bytesOut.sum(), packetsOut.sum());
    }

    /** Counters since the participant joined. */
    public record Totals(long bytesIn, long packetsIn, long bytesOut, long packetsOut) {

        public static final Totals NONE = new Totals(0, 0, 0, 0);
    }
}
