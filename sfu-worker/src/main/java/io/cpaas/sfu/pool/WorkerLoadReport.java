package io.cpaas.sfu.pool;

import java.util.List;

/** The load a heartbeat reports, in room-service's terms, with the participants connected here now. */
public record WorkerLoadReport(double cpu, int participants, int tracksIn, int tracksOut, long bitrateBps,
                               List<String> participantSids) {
}
