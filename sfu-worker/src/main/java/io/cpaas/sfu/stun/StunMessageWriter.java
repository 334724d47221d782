package io.cpaas.sfu.stun;

import static io.cpaas.sfu.stun.StunFormat.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one STUN message into a caller's buffer, attribute by attribute, keeping the header's
 * length field current so MESSAGE-INTEGRITY and FINGERPRINT cover what RFC 5389 §15.4–15.5 say.
 * Padding is written as zeros. Reusable: {@link #start} begins the next message.
 *
 * <p>The caller guarantees room (see {@link IceLiteResponder#MAX_RESPONSE_LENGTH}); running out of
 * room is a bug and surfaces as {@link IndexOutOfBoundsException}.
 */
final class StunMessageWriter {

    private byte[] buf;
    private int off;
    private int end;

    /**
     * Begins a message of {@code messageType} with the transaction id at {@code txBuf[txOff, txOff+12)}.
     * The id is copied before anything else is written, so {@code txBuf} may be {@code buf} itself:
     * a response can be written over the request it answers.
     */
    StunMessageWriter start(byte[] buf, int off, int messageType, byte[] txBuf, int txOff) {
        System.arraycopy(txBuf, txOff, buf, off + TRANSACTION_ID_OFFSET, TRANSACTION_ID_LENGTH);
        this.buf = buf;
        this.off = off;
        this.end = off + HEADER_LENGTH;
        writeU16(buf, off, messageType);
        writeI32(buf, off + 4, MAGIC_COOKIE);
        setLengthField(0);
        return this;
    }

    /** An attribute with an opaque value, zero-padded. */
    StunMessageWriter attribute(int type, byte[] value, int valueOff, int valueLength) {
        int at = beginAttribute(type, valueLength);
        System.arraycopy(value, valueOff, buf, at, valueLength);
        return this;
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 5389 §15.2): the port XORed with the cookie's top 16 bits, an IPv4
     * address with the cookie, an IPv6 address with the cookie followed by the transaction id.
     */
    StunMessageWriter xorMappedAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        int at = beginAttribute(XOR_MAPPED_ADDRESS, 4 + raw.length);
        buf[at] = 0;
        buf[at + 1] = (byte) (ip instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6);
        writeU16(buf, at + 2, address.getPort() ^ (MAGIC_COOKIE >>> 16));
        // Cookie then transaction id are header bytes 4..19: XOR the address with them in order.
        for (int i = 0; i < raw.length; i++) {
            buf[at + 4 + i] = (byte) (raw[i] ^ buf[off + 4 + i]);
        }
        return this;
    }

    /** ERROR-CODE (RFC 5389 §15.6): class and number, then a short UTF-8 reason phrase. */
    StunMessageWriter errorCode(int code, String reason) {
        byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        int at = beginAttribute(ERROR_CODE, 4 + phrase.length);
        buf[at] = 0;
        buf[at + 1] = 0;
        buf[at + 2] = (byte) (code / 100);
        buf[at + 3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, buf, at + 4, phrase.length);
        return this;
    }

    /** UNKNOWN-ATTRIBUTES (RFC 5389 §15.9): the 16-bit types that made us answer 420. */
    StunMessageWriter unknownAttributes(StunMessage request) {
        int count = request.unknownComprehensionRequiredCount();
        int at = beginAttribute(UNKNOWN_ATTRIBUTES, 2 * count);
        for (int i = 0; i < count; i++) {
            writeU16(buf, at + 2 * i, request.unknownComprehensionRequired(i));
        }
        return this;
    }

    /** MESSAGE-INTEGRITY over everything written so far. */
    StunMessageWriter messageIntegrity(MessageIntegrity integrity) {
        int covered = end - off;
        int at = beginAttribute(MESSAGE_INTEGRITY, MESSAGE_INTEGRITY_LENGTH);
        integrity.compute(buf, off, covered, buf, at);
        return this;
    }

    /** FINGERPRINT over everything written so far; it must be the last attribute. */
    StunMessageWriter fingerprint() {
        int covered = end - off;
        int at = beginAttribute(FINGERPRINT, FINGERPRINT_LENGTH);
        writeI32(buf, at, StunFormat.fingerprint(buf, off, covered));
        return this;
    }

    /** The message's total length so far, header included. */
    int length() {
        return end - off;
    }

    /**
     * Writes an attribute header, zeroes the padding, advances past the attribute and updates the
     * message length field to include it; returns where the value goes.
     */
    private int beginAttribute(int type, int valueLength) {
        int at = end;
        int paddedLength = padded(valueLength);
        writeU16(buf, at, type);
        writeU16(buf, at + 2, valueLength);
        Arrays.fill(buf, at + ATTRIBUTE_HEADER_LENGTH + valueLength, at + ATTRIBUTE_HEADER_LENGTH + paddedLength, (byte) 0);
        end = at + ATTRIBUTE_HEADER_LENGTH + paddedLength;
        setLengthField(end - off - HEADER_LENGTH);
        return at + ATTRIBUTE_HEADER_LENGTH;
    }

    private void setLengthField(int bodyLength) {
        writeU16(buf, off + 2, bodyLength);
    }
}
