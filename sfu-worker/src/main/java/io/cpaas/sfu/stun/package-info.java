/**
 * STUN as an ICE-lite agent needs it (RFC 5389/8489, RFC 8445 §2.5): recognise a STUN datagram on
 * the shared UDP port (RFC 7983), parse a Binding request, check its MESSAGE-INTEGRITY and
 * FINGERPRINT, and write the answer.
 *
 * <p>Place in the media pipeline: datagram in → demux ({@link io.cpaas.sfu.stun.StunMessage#looksLikeStun})
 * → {@link io.cpaas.sfu.stun.StunMessage#parse} → session lookup by
 * {@link io.cpaas.sfu.stun.StunMessage#localUfrag()} → that session's
 * {@link io.cpaas.sfu.stun.IceLiteResponder} → datagram out.
 *
 * <p>Everything here works over caller-owned byte arrays: no I/O, no threads, no shared state.
 */
package io.cpaas.sfu.stun;
