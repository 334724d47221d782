package io.cpaas.sfu.pool;

/** The load a heartbeat reports, in room-service's terms. */
public record WorkerLoadReport(double cpu, int participants, int tracksIn, int tracksOut, long bitrateBps) {
}
