package io.cpaas.sfu.stun;

import static io.cpaas.sfu.stun.StunFormat.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Answers the connectivity checks of one ICE session, as an ICE-lite agent does (RFC 8445 §2.5):
 * it never sends checks, it proves to the browser that the path works and that it is the party the
 * signaling named, by answering each Binding request with a success response that carries the
 * request's source as XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY keyed with <em>our</em> ice-pwd (the
 * same key the browser used on the request, RFC 8445 §7.2.2 / RFC 5389 §10.1.2) and FINGERPRINT.
 *
 * <p>Refusals follow RFC 5389 §10.1.2 rather than silence: a request without USERNAME or
 * MESSAGE-INTEGRITY gets 400, a wrong USERNAME or integrity gets 401, both without integrity of
 * their own since we cannot vouch for them. That tells a browser holding stale credentials (an ICE
 * restart race, a bug in our SDP) what is wrong instead of leaving it to time out, and costs no
 * amplification worth having: the transport only reaches a responder for a request naming one of
 * our live ufrags, and an error answer is at most about 1.5× a minimal such request. Datagrams that
 * are not Binding requests, or whose FINGERPRINT is wrong, get nothing (§7.3).
 *
 * <p>A request carrying ICE-CONTROLLED is answered 487 Role Conflict (RFC 8445 §7.3.1.1): a lite
 * agent cannot take the controlling role, and 487 is what makes a full agent that wrongly thought
 * itself controlled switch to controlling and check again. An authenticated request carrying
 * comprehension-required attributes we do not understand is answered 420 with UNKNOWN-ATTRIBUTES
 * (RFC 5389 §7.3.1). Both carry MESSAGE-INTEGRITY, as answers to authenticated requests must.
 *
 * <p>Checks PRIORITY and USE-CANDIDATE leniently: PRIORITY only matters for peer-reflexive
 * candidates, which a lite agent never forms; FINGERPRINT is verified when present, not required.
 *
 * <p>Not thread-safe (it holds a keyed {@link javax.crypto.Mac} and a writer): one per session,
 * used by the thread that owns the session's datagrams.
 */
public final class IceLiteResponder {

    /**
     * Room the output buffer must have: the longest answer is a 420 with the most unknown types
     * listed (100 bytes); an IPv6 success response is 76.
     */
    public static final int MAX_RESPONSE_LENGTH = 128;

    private final byte[] localUfrag;
    private final MessageIntegrity integrity;
    private final StunMessageWriter writer = new StunMessageWriter();

    public IceLiteResponder(IceCredentials local) {
        this.localUfrag = local.ufrag().getBytes(StandardCharsets.UTF_8);
        this.integrity = new MessageIntegrity(local.password());
    }

    /**
     * Decides what to do with a parsed request received from {@code source} and writes the answer,
     * if any, to {@code out[outOff, outOff + outcome.responseLength())}, to be sent back to
     * {@code source} from the address the request arrived on.
     *
     * <p>{@code out} may be the request's own buffer at the request's offset: everything needed
     * from the request is read before the answer is written over it (the request is garbage after).
     *
     * @param request what {@link StunMessage#parse} returned, its buffer unchanged since
     * @param source  the datagram's source address, IPv4 or IPv6, resolved
     * @throws IndexOutOfBoundsException if {@code out} has less than {@link #MAX_RESPONSE_LENGTH}
     *                                   bytes from {@code outOff}
     * @throws IllegalArgumentException  if {@code source} is unresolved
     */
    public BindingOutcome respond(StunMessage request, InetSocketAddress source, byte[] out, int outOff) {
        Objects.checkFromIndexSize(outOff, MAX_RESPONSE_LENGTH, out.length);
        InetAddress ip = source.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved source address " + source);
        }
        if (!request.isBindingRequest()) {
            return BindingOutcome.NOT_A_BINDING_REQUEST;
        }
        if (request.hasFingerprint() && !request.fingerprintMatches()) {
            return BindingOutcome.FINGERPRINT_MISMATCH;
        }
        if (!request.hasUsername() || !request.hasMessageIntegrity()) {
            return refuse(request, BindingOutcome.Status.BAD_REQUEST, "Bad Request", out, outOff);
        }
        if (!request.usernameStartsWithUfrag(localUfrag) || !integrity.matches(request)) {
            return refuse(request, BindingOutcome.Status.UNAUTHORIZED, "Unauthorized", out, outOff);
        }
        if (request.unknownComprehensionRequiredCount() > 0) {
            int length = startAnswer(request, BINDING_ERROR_RESPONSE, out, outOff)
                    .errorCode(420, "Unknown Attribute")
                    .unknownAttributes(request)
                    .messageIntegrity(integrity)
                    .fingerprint()
                    .length();
            return new BindingOutcome(BindingOutcome.Status.UNKNOWN_ATTRIBUTE, length, false);
        }
        if (request.iceControlled()) {
            int length = startAnswer(request, BINDING_ERROR_RESPONSE, out, outOff)
                    .errorCode(487, "Role Conflict")
                    .messageIntegrity(integrity)
                    .fingerprint()
                    .length();
            return new BindingOutcome(BindingOutcome.Status.ROLE_CONFLICT, length, false);
        }
        boolean nominated = request.useCandidate();
        int length = startAnswer(request, BINDING_SUCCESS_RESPONSE, out, outOff)
                .xorMappedAddress(source)
                .messageIntegrity(integrity)
                .fingerprint()
                .length();
        return new BindingOutcome(BindingOutcome.Status.SUCCESS, length, nominated);
    }

    private BindingOutcome refuse(StunMessage request, BindingOutcome.Status status, String reason,
                                  byte[] out, int outOff) {
        int length = startAnswer(request, BINDING_ERROR_RESPONSE, out, outOff)
                .errorCode(status.errorCode(), reason)
                .fingerprint()
                .length();
        return new BindingOutcome(status, length, false);
    }

    private StunMessageWriter startAnswer(StunMessage request, int messageType, byte[] out, int outOff) {
        return writer.start(out, outOff, messageType, request.buffer(), request.offset() + TRANSACTION_ID_OFFSET);
    }
}
