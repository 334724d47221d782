package io.cpaas.sfu.stun;

import java.util.zip.CRC32;

/**
 * The wire layout of RFC 5389 messages: the numbers the parser and the writer must agree on, the
 * FINGERPRINT checksum, and big-endian reads and writes.
 */
final class StunFormat {

    static final int HEADER_LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int TRANSACTION_ID_OFFSET = 8;
    static final int TRANSACTION_ID_LENGTH = 12;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;

    // Message types (method Binding = 0x001 with the class bits of RFC 5389 §6).
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    static final int BINDING_ERROR_RESPONSE = 0x0111;

    // Attribute types: RFC 5389 §18.2, RFC 8489 §18.3, RFC 8445 §16.1.
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int UNKNOWN_ATTRIBUTES = 0x000A;
    static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int SOFTWARE = 0x8022;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    static final int MESSAGE_INTEGRITY_LENGTH = 20;
    static final int FINGERPRINT_LENGTH = 4;
    /** RFC 5389 §15.3: USERNAME is less than 513 bytes. */
    static final int MAX_USERNAME_LENGTH = 512;
    static final int FINGERPRINT_XOR = 0x5354554E;

    static final int FAMILY_IPV4 = 0x01;
    static final int FAMILY_IPV6 = 0x02;

    private StunFormat() {
    }

    /** Attribute types below 0x8000 are comprehension-required (RFC 5389 §15). */
    static boolean isComprehensionRequired(int attributeType) {
        return attributeType < 0x8000;
    }

    /** Attribute values are padded to a multiple of 4 bytes (RFC 5389 §15). */
    static int padded(int valueLength) {
        return (valueLength + 3) & ~3;
    }

    /**
     * The FINGERPRINT value for the message bytes before the FINGERPRINT attribute, whose header
     * length field must already count the FINGERPRINT attribute (RFC 5389 §15.5).
     */
    static int fingerprint(byte[] buf, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(buf, off, len);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    static int readU16(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    }

    static int readI32(byte[] buf, int off) {
        return ((buf[off] & 0xFF) << 24) | ((buf[off + 1] & 0xFF) << 16)
                | ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
    }

    static long readI64(byte[] buf, int off) {
        return ((long) readI32(buf, off) << 32) | (readI32(buf, off + 4) & 0xFFFFFFFFL);
    }

    static void writeU16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }

    static void writeI32(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
