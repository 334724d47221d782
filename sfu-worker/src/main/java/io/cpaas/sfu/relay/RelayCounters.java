package io.cpaas.sfu.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the relay sent, received and refused, for /q/metrics. Counted through methods only: other
 * beans hold a client proxy of this one, and a field read or written through a proxy is the
 * proxy's own copy, never the instance that {@link RelayMetrics} reads.
 */
@ApplicationScoped
public class RelayCounters {

    /** Sealed media datagrams an origin sent to its edges. */
    private final LongAdder mediaOut = new LongAdder();
    private final LongAdder mediaOutBytes = new LongAdder();
    /** Packets an origin could not relay yet: the edge's address was not known (no hello heard). */
    private final LongAdder notSent = new LongAdder();
    /** Media datagrams an edge opened and forwarded. */
    private final LongAdder mediaIn = new LongAdder();
    /** Opened media an edge had no track for (published a moment ago, or gone). */
    private final LongAdder mediaUnknown = new LongAdder();
    /** Datagrams that failed authentication, replayed, too old, or of no known relay. */
    private final LongAdder refused = new LongAdder();
    private final LongAdder keyframeRequestsOut = new LongAdder();
    private final LongAdder keyframeRequestsIn = new LongAdder();

    void mediaSent(int sealedLength) {
        mediaOut.increment();
        mediaOutBytes.add(sealedLength);
    }

    void mediaNotSent() {
        notSent.increment();
    }

    void mediaForwarded() {
        mediaIn.increment();
    }

    void mediaOfUnknownTrack() {
        mediaUnknown.increment();
    }

    void datagramRefused() {
        refused.increment();
    }

    void keyframeRequestSent() {
        keyframeRequestsOut.increment();
    }

    void keyframeRequestReceived() {
        keyframeRequestsIn.increment();
    }

    public long mediaOut() {
        return mediaOut.sum();
    }

    public long mediaOutBytes() {
        return mediaOutBytes.sum();
    }

    public long notSent() {
        return notSent.sum();
    }

    public long mediaIn() {
        return mediaIn.sum();
    }

    public long mediaUnknown() {
        return mediaUnknown.sum();
    }

    public long refused() {
        return refused.sum();
    }

    public long keyframeRequestsOut() {
        return keyframeRequestsOut.sum();
    }

    public long keyframeRequestsIn() {
        return keyframeRequestsIn.sum();
    }
}
