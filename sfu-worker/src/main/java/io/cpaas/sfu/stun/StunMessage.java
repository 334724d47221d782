package io.cpaas.sfu.stun;

import static io.cpaas.sfu.stun.StunFormat.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One received STUN message: its header checked, its attributes walked with every length
 * bounds-checked, and the attributes an ICE-lite agent acts on located (RFC 5389 §6, §15;
 * RFC 8445 §16.1).
 *
 * <p>This is a view over the caller's buffer, not a copy: it stays meaningful only while those bytes
 * are unchanged, so answer (or drop) the message before reusing the receive buffer. Parsing checks
 * structure only; whether the message is authentic is {@link IceLiteResponder}'s question.
 *
 * <p>As RFC 5389 §15.4 requires, attributes after MESSAGE-INTEGRITY other than FINGERPRINT are
 * ignored, since nothing vouches for them; of repeated attributes only the first counts (§15).
 */
public final class StunMessage {

    /** The most unknown comprehension-required attribute types kept for a 420 answer. */
    static final int MAX_UNKNOWN_ATTRIBUTES_KEPT = 8;

    private final byte[] buf;
    private final int off;
    private final int length;
    private final int messageType;

    // Offsets are of the attribute header in buf, -1 when absent.
    private final int usernameAt;
    private final int messageIntegrityAt;
    private final int fingerprintAt;
    private final int priorityAt;
    private final boolean useCandidate;
    private final int iceControllingAt;
    private final int iceControlledAt;
    private final int[] unknownComprehensionRequired;
    private final int unknownCount;

    private StunMessage(byte[] buf, int off, int length, AttributeScan scan) {
        this.buf = buf;
        this.off = off;
        this.length = length;
        this.messageType = readU16(buf, off);
        this.usernameAt = scan.usernameAt;
        this.messageIntegrityAt = scan.messageIntegrityAt;
        this.fingerprintAt = scan.fingerprintAt;
        this.priorityAt = scan.priorityAt;
        this.useCandidate = scan.useCandidate;
        this.iceControllingAt = scan.iceControllingAt;
        this.iceControlledAt = scan.iceControlledAt;
        this.unknownComprehensionRequired = scan.unknown;
        this.unknownCount = scan.unknownCount;
    }

    /**
     * Whether a datagram is a STUN message by its header alone, cheaply enough to demultiplex every
     * datagram on the port: first byte 0–3 (RFC 7983), at least a header, the magic cookie, and a
     * length field that is a multiple of 4 and accounts for exactly the rest of the datagram.
     *
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code buf}
     */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        return headerProblem(buf, off, len) == null;
    }

    /**
     * Parses a STUN message that fills the datagram {@code buf[off, off+len)}.
     *
     * @throws StunParseException if it is not a well-formed STUN message (see its reason)
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code buf}
     */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunParseException {
        StunParseException.Reason problem = headerProblem(buf, off, len);
        if (problem != null) {
            throw new StunParseException(problem, "datagram of " + len + " bytes");
        }
        return new StunMessage(buf, off, len, AttributeScan.of(buf, off, len));
    }

    private static StunParseException.Reason headerProblem(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            return StunParseException.Reason.TOO_SHORT;
        }
        if ((buf[off] & 0xFF) > 3 || readI32(buf, off + 4) != MAGIC_COOKIE) {
            return StunParseException.Reason.NOT_STUN;
        }
        int bodyLength = readU16(buf, off + 2);
        if ((bodyLength & 3) != 0 || HEADER_LENGTH + bodyLength != len) {
            return StunParseException.Reason.LENGTH_MISMATCH;
        }
        return null;
    }

    /** One pass over the attributes, noting where the interesting ones are. */
    private static final class AttributeScan {
        int usernameAt = -1;
        int messageIntegrityAt = -1;
        int fingerprintAt = -1;
        int priorityAt = -1;
        boolean useCandidate;
        int iceControllingAt = -1;
        int iceControlledAt = -1;
        int[] unknown;
        int unknownCount;

        static AttributeScan of(byte[] buf, int off, int len) throws StunParseException {
            AttributeScan scan = new AttributeScan();
            int end = off + len;
            int at = off + HEADER_LENGTH;
            while (at < end) {
                if (scan.fingerprintAt >= 0) {
                    throw new StunParseException(StunParseException.Reason.ATTRIBUTE_AFTER_FINGERPRINT,
                            "attribute at byte " + (at - off));
                }
                if (end - at < ATTRIBUTE_HEADER_LENGTH) {
                    throw new StunParseException(StunParseException.Reason.ATTRIBUTE_OVERRUN,
                            "attribute header at byte " + (at - off));
                }
                int type = readU16(buf, at);
                int valueLength = readU16(buf, at + 2);
                if (end - at - ATTRIBUTE_HEADER_LENGTH < padded(valueLength)) {
                    throw new StunParseException(StunParseException.Reason.ATTRIBUTE_OVERRUN, String.format(
                            "attribute 0x%04X of %d bytes at byte %d", type, valueLength, at - off));
                }
                scan.note(type, valueLength, at);
                at += ATTRIBUTE_HEADER_LENGTH + padded(valueLength);
            }
            return scan;
        }

        private void note(int type, int valueLength, int at) throws StunParseException {
            if (type == FINGERPRINT) {
                requireLength(type, valueLength, FINGERPRINT_LENGTH);
                fingerprintAt = at;
                return;
            }
            if (messageIntegrityAt >= 0) {
                return; // not covered by MESSAGE-INTEGRITY: ignored (RFC 5389 §15.4)
            }
            switch (type) {
                case USERNAME -> {
                    if (valueLength > MAX_USERNAME_LENGTH) {
                        throw new StunParseException(StunParseException.Reason.ATTRIBUTE_BAD_LENGTH,
                                "USERNAME of " + valueLength + " bytes");
                    }
                    usernameAt = first(usernameAt, at);
                }
                case MESSAGE_INTEGRITY -> {
                    requireLength(type, valueLength, MESSAGE_INTEGRITY_LENGTH);
                    messageIntegrityAt = at;
                }
                case PRIORITY -> {
                    requireLength(type, valueLength, 4);
                    priorityAt = first(priorityAt, at);
                }
                case USE_CANDIDATE -> {
                    requireLength(type, valueLength, 0);
                    useCandidate = true;
                }
                case ICE_CONTROLLING -> {
                    requireLength(type, valueLength, 8);
                    iceControllingAt = first(iceControllingAt, at);
                }
                case ICE_CONTROLLED -> {
                    requireLength(type, valueLength, 8);
                    iceControlledAt = first(iceControlledAt, at);
                }
                // Understood and deliberately unused: a SHA-256 integrity alongside the SHA-1 one
                // browsers send; the agent checks MESSAGE-INTEGRITY only.
                case MESSAGE_INTEGRITY_SHA256 -> { }
                default -> {
                    if (isComprehensionRequired(type)) {
                        noteUnknown(type);
                    }
                }
            }
        }

        private void noteUnknown(int type) {
            if (unknown == null) {
                unknown = new int[MAX_UNKNOWN_ATTRIBUTES_KEPT];
            }
            if (unknownCount < unknown.length) {
                unknown[unknownCount++] = type;
            }
        }

        private static int first(int seenAt, int at) {
            return seenAt >= 0 ? seenAt : at;
        }

        private static void requireLength(int type, int actual, int expected) throws StunParseException {
            if (actual != expected) {
                throw new StunParseException(StunParseException.Reason.ATTRIBUTE_BAD_LENGTH, String.format(
                        "attribute 0x%04X of %d bytes, expected %d", type, actual, expected));
            }
        }
    }

    /** The message type field: method and class (RFC 5389 §6), e.g. 0x0001 for a Binding request. */
    public int messageType() {
        return messageType;
    }

    public boolean isBindingRequest() {
        return messageType == BINDING_REQUEST;
    }

    /** The whole message's length in bytes, header included. */
    public int length() {
        return length;
    }

    /** A copy of the 96-bit transaction id. */
    public byte[] transactionId() {
        int from = off + TRANSACTION_ID_OFFSET;
        return Arrays.copyOfRange(buf, from, from + TRANSACTION_ID_LENGTH);
    }

    public boolean hasUsername() {
        return usernameAt >= 0;
    }

    /** USERNAME decoded as UTF-8, or null when absent. */
    public String username() {
        if (usernameAt < 0) {
            return null;
        }
        return new String(buf, usernameAt + ATTRIBUTE_HEADER_LENGTH, usernameLength(), StandardCharsets.UTF_8);
    }

    /**
     * The part of USERNAME before the first colon: in a connectivity check sent to us that is our own
     * ufrag (RFC 8445 §7.2.2, {@code <our ufrag>:<their ufrag>}), by which the transport finds the
     * session before it knows which password to check with. Null when USERNAME is absent or has no colon.
     */
    public String localUfrag() {
        int colon = usernameColon();
        if (colon < 0) {
            return null;
        }
        int from = usernameAt + ATTRIBUTE_HEADER_LENGTH;
        return new String(buf, from, colon - from, StandardCharsets.UTF_8);
    }

    /** The part of USERNAME after the first colon: the sender's ufrag. Null as for {@link #localUfrag()}. */
    public String remoteUfrag() {
        int colon = usernameColon();
        if (colon < 0) {
            return null;
        }
        int end = usernameAt + ATTRIBUTE_HEADER_LENGTH + usernameLength();
        return new String(buf, colon + 1, end - colon - 1, StandardCharsets.UTF_8);
    }

    /** Whether USERNAME starts with exactly {@code ufrag} followed by a colon; allocates nothing. */
    boolean usernameStartsWithUfrag(byte[] ufrag) {
        int colon = usernameColon();
        int from = usernameAt + ATTRIBUTE_HEADER_LENGTH;
        return colon >= 0 && colon - from == ufrag.length
                && Arrays.equals(buf, from, colon, ufrag, 0, ufrag.length);
    }

    private int usernameLength() {
        return readU16(buf, usernameAt + 2);
    }

    private int usernameColon() {
        if (usernameAt < 0) {
            return -1;
        }
        int from = usernameAt + ATTRIBUTE_HEADER_LENGTH;
        int end = from + usernameLength();
        for (int i = from; i < end; i++) {
            if (buf[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    public boolean hasMessageIntegrity() {
        return messageIntegrityAt >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintAt >= 0;
    }

    /**
     * Whether FINGERPRINT, if present, matches the CRC-32 of the message before it, XOR 0x5354554E
     * (RFC 5389 §15.5). False when absent. Because FINGERPRINT must be last, the header's length
     * field already counts it and the bytes are checked exactly as received.
     */
    public boolean fingerprintMatches() {
        if (fingerprintAt < 0) {
            return false;
        }
        return fingerprint(buf, off, fingerprintAt - off) == readI32(buf, fingerprintAt + ATTRIBUTE_HEADER_LENGTH);
    }

    public boolean hasPriority() {
        return priorityAt >= 0;
    }

    /** PRIORITY as an unsigned 32-bit value, or -1 when absent. */
    public long priority() {
        return priorityAt < 0 ? -1 : readI32(buf, priorityAt + ATTRIBUTE_HEADER_LENGTH) & 0xFFFFFFFFL;
    }

    /** USE-CANDIDATE: the controlling agent nominates the pair this check travelled on (RFC 8445 §8.1.1). */
    public boolean useCandidate() {
        return useCandidate;
    }

    /** ICE-CONTROLLING: the sender believes it is the controlling agent. */
    public boolean iceControlling() {
        return iceControllingAt >= 0;
    }

    /** ICE-CONTROLLED: the sender believes it is the controlled agent, as an ICE-lite agent always is. */
    public boolean iceControlled() {
        return iceControlledAt >= 0;
    }

    /** The tiebreaker of ICE-CONTROLLING, else of ICE-CONTROLLED, else 0. */
    public long tieBreaker() {
        int at = iceControllingAt >= 0 ? iceControllingAt : iceControlledAt;
        return at < 0 ? 0 : readI64(buf, at + ATTRIBUTE_HEADER_LENGTH);
    }

    /** How many comprehension-required attributes we do not understand were seen (at most {@value #MAX_UNKNOWN_ATTRIBUTES_KEPT} kept). */
    int unknownComprehensionRequiredCount() {
        return unknownCount;
    }

    int unknownComprehensionRequired(int index) {
        return unknownComprehensionRequired[index];
    }

    byte[] buffer() {
        return buf;
    }

    int offset() {
        return off;
    }

    /** Offset in {@link #buffer()} of the MESSAGE-INTEGRITY attribute header, -1 when absent. */
    int messageIntegrityAt() {
        return messageIntegrityAt;
    }

    @Override
    public String toString() {
        return String.format("StunMessage[type=0x%04X, %d bytes, username=%s%s%s%s]", messageType, length,
                printable(username()), useCandidate ? ", USE-CANDIDATE" : "",
                iceControlling() ? ", ICE-CONTROLLING" : iceControlled() ? ", ICE-CONTROLLED" : "",
                hasMessageIntegrity() ? ", MESSAGE-INTEGRITY" : "");
    }

    /** USERNAME comes from anyone who can reach the port: keep line breaks and escapes out of logs. */
    private static String printable(String s) {
        return s == null ? null : s.replaceAll("\\p{Cntrl}", "?");
    }
}
