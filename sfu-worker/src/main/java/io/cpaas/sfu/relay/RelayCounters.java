package io.cpaas.sfu.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.LongAdder;

/** What the relay sent, received and refused, for /q/metrics. */
@ApplicationScoped
public class RelayCounters {

    /** Sealed media datagrams an origin sent to its edges. */
    final LongAdder mediaOut = new LongAdder();
    final LongAdder mediaOutBytes = new LongAdder();
    /** Packets an origin could not relay yet: the edge's address was not known (no hello heard). */
    final LongAdder notSent = new LongAdder();
    /** Media datagrams an edge opened and forwarded. */
    final LongAdder mediaIn = new LongAdder();
    /** Opened media an edge had no track for (published a moment ago, or gone). */
    final LongAdder mediaUnknown = new LongAdder();
    /** Datagrams that failed authentication, replayed, too old, or of no known relay. */
    final LongAdder refused = new LongAdder();
    final LongAdder keyframeRequestsOut = new LongAdder();
    final LongAdder keyframeRequestsIn = new LongAdder();

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
