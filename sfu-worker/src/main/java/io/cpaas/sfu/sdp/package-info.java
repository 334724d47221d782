/**
 * SDP for the worker's two kinds of connection, as pure functions over strings (no I/O, no threads).
 *
 * <ul>
 *   <li>{@link io.cpaas.sfu.sdp.SdpParser} reads Chromium's Unified Plan offers and answers into the immutable
 *       {@link io.cpaas.sfu.sdp.SessionDescription} / {@link io.cpaas.sfu.sdp.MediaSection} model; every failure is an
 *       {@link io.cpaas.sfu.sdp.SdpParseException}.</li>
 *   <li>Publish connection (client offers, worker receives): {@link io.cpaas.sfu.sdp.PublisherAnswerBuilder} writes
 *       the answer and returns per mid the {@link io.cpaas.sfu.sdp.NegotiatedMedia} the forwarder maps packets with.</li>
 *   <li>Subscribe connection (worker offers, client receives): {@link io.cpaas.sfu.sdp.SubscriberOfferBuilder} writes
 *       offers with the fixed numbering of {@link io.cpaas.sfu.sdp.SubscriberCodecs} and stable mids across
 *       renegotiations; {@link io.cpaas.sfu.sdp.SubscriberAnswerParser} checks the browser's answer.</li>
 * </ul>
 *
 * RFCs: 8866 (SDP), 8829 (JSEP), 8843 (BUNDLE), 8839 (ICE in SDP), 8842 (DTLS in SDP), 8285 (header
 * extensions), 8851/8853 (rid, simulcast), 8830 (msid), 5576 (ssrc).
 */
package io.cpaas.sfu.sdp;
