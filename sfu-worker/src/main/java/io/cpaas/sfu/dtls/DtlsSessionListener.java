package io.cpaas.sfu.dtls;

/**
 * Outcome of a {@link DtlsServerSession}. Each session reports either {@link #handshakeFailed}, or
 * {@link #handshakeCompleted} followed by at most one {@link #connectionClosed}; nothing is reported after
 * {@link DtlsServerSession#close()} was called.
 *
 * <p>Called on a thread of the session's executor (never on the thread that calls
 * {@link DtlsServerSession#receive}); keep the work short and do not block.
 */
public interface DtlsSessionListener {

    /** The handshake completed and the client's certificate matched its SDP fingerprint: install the SRTP keys. */
    void handshakeCompleted(DtlsSrtpKeys keys);

    /** The handshake failed; the session is finished and frees its resources. */
    void handshakeFailed(DtlsFailure failure);

    /** The peer ended an established association; SRTP keys derived from it should be dropped. */
    void connectionClosed(DtlsClosure closure);
}
