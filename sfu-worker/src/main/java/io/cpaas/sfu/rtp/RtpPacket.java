package io.cpaas.sfu.rtp;

import java.nio.charset.StandardCharsets;

/**
 * A reusable, validating view of one RTP packet (RFC 3550 §5.1) over a caller's byte array, with
 * in-place edits of the fields an SFU rewrites and access to RFC 8285 header extensions.
 *
 * <p>One instance is meant to be reused for every packet a thread handles: {@link #wrap} neither
 * copies nor allocates. {@code wrap} checks the whole layout once (version, CSRC list, extension
 * block, padding) and {@link #isValid()} reports the result; accessors are only meaningful on a
 * valid packet. Extension look-ups on an invalid packet return "absent" rather than throwing.
 *
 * <p>SSRCs and timestamps are 32-bit values carried as {@code int} bit patterns so that arithmetic
 * wraps modulo 2^32 exactly as on the wire; use {@link Integer#toUnsignedLong} to print them.
 * Sequence numbers and payload types are returned as non-negative {@code int}s.
 */
public final class RtpPacket {

    /** Length of the fixed header (RFC 3550 §5.1), without CSRCs or extensions. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The RFC 8285 §4.2 profile marking a one-byte-header extension block. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The RFC 8285 §4.3 profile marking a two-byte-header block; the low 4 bits are app bits. */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    private byte[] buf;
    private int off;
    private int len;
    private boolean valid;
    private int headerLength;
    private int paddingLength;
    /** Absolute offset of the first extension element, or -1 without an extension block. */
    private int extElementsStart = -1;
    /** Absolute end (exclusive) of the extension elements. */
    private int extElementsEnd = -1;
    /** 1 for the one-byte form, 2 for the two-byte form, 0 for none or an unknown profile. */
    private int extForm;

    /**
     * Points this view at {@code len} bytes of {@code buf} starting at {@code off} and validates them.
     * Never throws for any content; a range outside {@code buf} or a malformed packet gives
     * {@link #isValid()} {@code false}.
     *
     * @return this view, for chaining
     */
    public RtpPacket wrap(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.valid = false;
        this.headerLength = 0;
        this.paddingLength = 0;
        this.extElementsStart = -1;
        this.extElementsEnd = -1;
        this.extForm = 0;
        if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.length - len) {
            return this;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 >>> 6) != 2) {
            return this;
        }
        int header = FIXED_HEADER_LENGTH + 4 * (b0 & 0x0F);
        if (header > len) {
            return this;
        }
        if ((b0 & 0x10) != 0) {
            if (header + 4 > len) {
                return this;
            }
            int profile = u16(off + header);
            int words = u16(off + header + 2);
            int elementsStart = off + header + 4;
            header += 4 + 4 * words;
            if (header > len) {
                return this;
            }
            extElementsStart = elementsStart;
            extElementsEnd = off + header;
            if (profile == ONE_BYTE_PROFILE) {
                extForm = 1;
            } else if ((profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
                extForm = 2;
            }
        }
        int padding = 0;
        if ((b0 & 0x20) != 0) {
            // RFC 3550 §5.1: the last octet counts the padding, itself included, so it is at least 1.
            padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - header) {
                extElementsStart = -1;
                extElementsEnd = -1;
                extForm = 0;
                return this;
            }
        }
        this.headerLength = header;
        this.paddingLength = padding;
        this.valid = true;
        return this;
    }

    /** Whether the last {@link #wrap} found a well-formed RTP packet. */
    public boolean isValid() {
        return valid;
    }

    public byte[] buffer() {
        return buf;
    }

    public int offset() {
        return off;
    }

    public int length() {
        return len;
    }

    public int version() {
        return (buf[off] & 0xFF) >>> 6;
    }

    public boolean hasPadding() {
        return (buf[off] & 0x20) != 0;
    }

    public boolean hasExtension() {
        return (buf[off] & 0x10) != 0;
    }

    public int csrcCount() {
        return buf[off] & 0x0F;
    }

    /** The {@code index}th CSRC, {@code 0 <= index < csrcCount()}. */
    public int csrc(int index) {
        if (index < 0 || index >= csrcCount()) {
            throw new IndexOutOfBoundsException("CSRC index " + index + " of " + csrcCount());
        }
        return i32(off + FIXED_HEADER_LENGTH + 4 * index);
    }

    public boolean marker() {
        return (buf[off + 1] & 0x80) != 0;
    }

    public int payloadType() {
        return buf[off + 1] & 0x7F;
    }

    public int sequenceNumber() {
        return u16(off + 2);
    }

    public int timestamp() {
        return i32(off + 4);
    }

    public int ssrc() {
        return i32(off + 8);
    }

    /** Fixed header, CSRCs and extension block: where the payload starts, relative to {@link #offset()}. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute offset of the payload in {@link #buffer()}. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Payload length without the header and without padding. */
    public int payloadLength() {
        return len - headerLength - paddingLength;
    }

    /** Number of padding octets at the end (the count octet included), 0 without padding. */
    public int paddingLength() {
        return paddingLength;
    }

    public void setMarker(boolean marker) {
        buf[off + 1] = (byte) (marker ? (buf[off + 1] | 0x80) : (buf[off + 1] & 0x7F));
    }

    /** Sets the 7-bit payload type, keeping the marker bit. */
    public void setPayloadType(int payloadType) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127, was " + payloadType);
        }
        buf[off + 1] = (byte) ((buf[off + 1] & 0x80) | payloadType);
    }

    /** Sets the sequence number; only the low 16 bits are used. */
    public void setSequenceNumber(int sequenceNumber) {
        buf[off + 2] = (byte) (sequenceNumber >>> 8);
        buf[off + 3] = (byte) sequenceNumber;
    }

    public void setTimestamp(int timestamp) {
        putI32(off + 4, timestamp);
    }

    public void setSsrc(int ssrc) {
        putI32(off + 8, ssrc);
    }

    // ---------------------------------------------------------------- RFC 8285 header extensions

    /**
     * The extension block's profile (0xBEDE, 0x100X, or another), or -1 without an extension block.
     */
    public int extensionProfile() {
        return extElementsStart < 0 ? -1 : u16(extElementsStart - 4);
    }

    /**
     * Finds the element with local identifier {@code id} in a one-byte (ids 1–14) or two-byte
     * (ids 1–255) extension block.
     *
     * @return the absolute offset in {@link #buffer()} of the element's data, or -1 when the packet
     *     is invalid, has no RFC 8285 block, or no well-formed element with that id precedes the
     *     first malformed one. The data length is {@link #extensionLength(int)} of that offset.
     */
    public int findExtension(int id) {
        if (!valid || extForm == 0 || id <= 0) {
            return -1;
        }
        int p = extElementsStart;
        int end = extElementsEnd;
        if (extForm == 1) {
            if (id > 14) {
                return -1;
            }
            while (p < end) {
                int b = buf[p] & 0xFF;
                int elementId = b >>> 4;
                if (elementId == 0) { // padding byte
                    p++;
                    continue;
                }
                if (elementId == 15) { // RFC 8285 §4.2: stop processing the block
                    return -1;
                }
                int dataLength = (b & 0x0F) + 1;
                if (p + 1 + dataLength > end) {
                    return -1;
                }
                if (elementId == id) {
                    return p + 1;
                }
                p += 1 + dataLength;
            }
        } else {
            if (id > 255) {
                return -1;
            }
            while (p < end) {
                int elementId = buf[p] & 0xFF;
                if (elementId == 0) {
                    p++;
                    continue;
                }
                if (p + 2 > end) {
                    return -1;
                }
                int dataLength = buf[p + 1] & 0xFF;
                if (p + 2 + dataLength > end) {
                    return -1;
                }
                if (elementId == id) {
                    return p + 2;
                }
                p += 2 + dataLength;
            }
        }
        return -1;
    }

    /**
     * Length of the extension data found at {@code dataOffset} by {@link #findExtension(int)}.
     */
    public int extensionLength(int dataOffset) {
        if (extForm == 1) {
            return (buf[dataOffset - 1] & 0x0F) + 1;
        }
        return buf[dataOffset - 1] & 0xFF;
    }

    /**
     * Renumbers every element of the extension block in one pass: an element with id {@code i}
     * gets id {@code idMap[i]}. A mapped id of 0, an id outside {@code idMap}, or one the block's
     * form cannot carry (above 14 in the one-byte form) strips the element by overwriting it with
     * padding bytes (RFC 8285 allows padding between elements), so the packet length never changes.
     * Publishers and subscribers number extensions independently (SDP extmap), hence this pass when
     * forwarding.
     *
     * @return the number of elements renumbered or stripped, or -1 if there is no RFC 8285 block or
     *     it is malformed (then nothing after the malformed element is touched).
     */
    public int rewriteExtensionIds(byte[] idMap) {
        if (!valid || extForm == 0) {
            return -1;
        }
        int changed = 0;
        int p = extElementsStart;
        int end = extElementsEnd;
        while (p < end) {
            int b = buf[p] & 0xFF;
            int elementId = extForm == 1 ? b >>> 4 : b;
            if (elementId == 0) {
                p++;
                continue;
            }
            if (extForm == 1 && elementId == 15) {
                return changed;
            }
            int headerSize = extForm;
            if (p + headerSize > end) {
                return -1;
            }
            int dataLength = extForm == 1 ? (b & 0x0F) + 1 : buf[p + 1] & 0xFF;
            int elementEnd = p + headerSize + dataLength;
            if (elementEnd > end) {
                return -1;
            }
            int newId = elementId < idMap.length ? idMap[elementId] & 0xFF : 0;
            if (newId != elementId) {
                boolean fits = newId != 0 && (extForm == 2 || newId <= 14);
                if (fits) {
                    buf[p] = (byte) (extForm == 1 ? (newId << 4) | (b & 0x0F) : newId);
                } else {
                    for (int i = p; i < elementEnd; i++) {
                        buf[i] = 0;
                    }
                }
                changed++;
            }
            p = elementEnd;
        }
        return changed;
    }

    /**
     * Gives the element with id {@code fromId} the id {@code toId} (1–14 in the one-byte form,
     * 1–255 in the two-byte form). Other elements are left alone.
     *
     * @return whether such an element was found and renumbered
     */
    public boolean rewriteExtensionId(int fromId, int toId) {
        int data = findExtension(fromId);
        if (data < 0 || toId <= 0 || toId > (extForm == 1 ? 14 : 255)) {
            return false;
        }
        if (extForm == 1) {
            int h = data - 1;
            buf[h] = (byte) ((toId << 4) | (buf[h] & 0x0F));
        } else {
            buf[data - 2] = (byte) toId;
        }
        return true;
    }

    /**
     * The RFC 8843 {@code urn:ietf:params:rtp-hdrext:sdes:mid} value, or null when absent. Allocates
     * a String: meant for the control path (learning which m-section a new SSRC belongs to), not
     * for every packet; see {@link #midEquals(int, byte[])} for the allocation-free check.
     */
    public String mid(int id) {
        int data = findExtension(id);
        if (data < 0) {
            return null;
        }
        int n = extensionLength(data);
        // Senders may pad the value with zero bytes in the two-byte form; they are not part of it.
        while (n > 0 && buf[data + n - 1] == 0) {
            n--;
        }
        return new String(buf, data, n, StandardCharsets.US_ASCII);
    }

    /** Whether the {@code mid} extension with id {@code id} is present and equals {@code mid}. */
    public boolean midEquals(int id, byte[] mid) {
        int data = findExtension(id);
        if (data < 0) {
            return false;
        }
        int n = extensionLength(data);
        while (n > 0 && buf[data + n - 1] == 0) {
            n--;
        }
        if (n != mid.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[data + i] != mid[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the RFC 8852 {@code rtp-stream-id} (or {@code repaired-rtp-stream-id}) extension with id
     * {@code id} is present and equals {@code rid}: the same SDES item format as the mid.
     */
    public boolean ridEquals(int id, byte[] rid) {
        return midEquals(id, rid);
    }

    /**
     * The RFC 6464 client-to-mixer audio level as the raw octet: bit 7 is the voice activity flag,
     * bits 0–6 the level in -dBov (0 loudest, 127 silence). -1 when absent.
     *
     * @see #audioLevelOf(int)
     * @see #voiceActivityOf(int)
     */
    public int audioLevelOctet(int id) {
        int data = findExtension(id);
        if (data < 0 || extensionLength(data) < 1) {
            return -1;
        }
        return buf[data] & 0xFF;
    }

    /** The level in -dBov (0–127) of an {@link #audioLevelOctet(int)} result. */
    public static int audioLevelOf(int octet) {
        return octet & 0x7F;
    }

    /** The voice activity flag of an {@link #audioLevelOctet(int)} result. */
    public static boolean voiceActivityOf(int octet) {
        return (octet & 0x80) != 0;
    }

    /**
     * The transport-wide sequence number ({@code transport-wide-cc-01}, 16 bits) or -1 when absent.
     */
    public int transportSequenceNumber(int id) {
        int data = findExtension(id);
        if (data < 0 || extensionLength(data) < 2) {
            return -1;
        }
        return u16(data);
    }

    /**
     * Overwrites the transport-wide sequence number in place, as an SFU does when it becomes the
     * sender toward a subscriber.
     *
     * @return whether the extension was present
     */
    public boolean setTransportSequenceNumber(int id, int sequenceNumber) {
        int data = findExtension(id);
        if (data < 0 || extensionLength(data) < 2) {
            return false;
        }
        buf[data] = (byte) (sequenceNumber >>> 8);
        buf[data + 1] = (byte) sequenceNumber;
        return true;
    }

    /**
     * The {@code abs-send-time} value: 24 bits, seconds in 6.18 fixed point, or -1 when absent.
     */
    public int absSendTime(int id) {
        int data = findExtension(id);
        if (data < 0 || extensionLength(data) < 3) {
            return -1;
        }
        return ((buf[data] & 0xFF) << 16) | ((buf[data + 1] & 0xFF) << 8) | (buf[data + 2] & 0xFF);
    }

    private int u16(int p) {
        return ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
    }

    private int i32(int p) {
        return ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8)
                | (buf[p + 3] & 0xFF);
    }

    private void putI32(int p, int v) {
        buf[p] = (byte) (v >>> 24);
        buf[p + 1] = (byte) (v >>> 16);
        buf[p + 2] = (byte) (v >>> 8);
        buf[p + 3] = (byte) v;
    }

    @Override
    public String toString() {
        if (!valid) {
            return "RtpPacket[invalid, length=" + len + "]";
        }
        return "RtpPacket[ssrc=" + Integer.toUnsignedLong(ssrc()) + ", pt=" + payloadType() + ", seq="
                + sequenceNumber() + ", ts=" + Integer.toUnsignedLong(timestamp()) + ", marker="
                + marker() + ", length=" + len + "]";
    }
}
