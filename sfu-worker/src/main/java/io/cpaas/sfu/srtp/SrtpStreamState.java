package io.cpaas.sfu.srtp;

/**
 * What a session remembers about one SSRC: the SRTP replay window (whose highest index also carries the
 * ROC), the SRTCP replay window, and the next SRTCP index to send. Created once per SSRC, never per packet.
 */
final class SrtpStreamState {

    final int ssrc;
    final ReplayWindow rtp = new ReplayWindow();
    final ReplayWindow rtcp = new ReplayWindow();
    int nextRtcpIndex;

    SrtpStreamState(int ssrc) {
        this.ssrc = ssrc;
    }
}
