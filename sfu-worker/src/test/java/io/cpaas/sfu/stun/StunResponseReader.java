package io.cpaas.sfu.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The other half of the tests' STUN client: reads what the worker answered, the way a browser
 * would check it. Independent of the main code (its own attribute walk, HMAC and CRC) for the same
 * reason as {@link StunRequestBuilder}. Trusts its input: it reads our answers, not hostile ones.
 */
public final class StunResponseReader {

    /** One attribute as found: type, and where its value sits in the message. */
    public record Attribute(int type, int valueOffset, int valueLength) {
    }

    private final byte[] message;
    private final List<Attribute> attributes = new ArrayList<>();

    private StunResponseReader(byte[] message) {
        this.message = message;
        ByteBuffer b = ByteBuffer.wrap(message);
        if (b.getShort(2) + 20 != message.length || b.getInt(4) != 0x2112A442) {
            throw new AssertionError("not a STUN message filling the datagram");
        }
        int at = 20;
        while (at < message.length) {
            int type = b.getShort(at) & 0xFFFF;
            int length = b.getShort(at + 2) & 0xFFFF;
            attributes.add(new Attribute(type, at + 4, length));
            at += 4 + (length + 3) / 4 * 4;
        }
    }

    public static StunResponseReader read(byte[] datagram, int off, int len) {
        return new StunResponseReader(Arrays.copyOfRange(datagram, off, off + len));
    }

    public static StunResponseReader read(byte[] message) {
        return new StunResponseReader(message.clone());
    }

    public int messageType() {
        return ((message[0] & 0xFF) << 8) | (message[1] & 0xFF);
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(message, 8, 20);
    }

    public List<Integer> attributeTypes() {
        return attributes.stream().map(Attribute::type).toList();
    }

    public byte[] attributeWithHeader(int type) {
        Attribute a = find(type);
        return a == null ? null : Arrays.copyOfRange(message, a.valueOffset() - 4, a.valueOffset() + (a.valueLength() + 3) / 4 * 4);
    }

    /** XOR-MAPPED-ADDRESS decoded (RFC 5389 §15.2), or null when absent. */
    public InetSocketAddress xorMappedAddress() {
        Attribute a = find(0x0020);
        if (a == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(message);
        int family = message[a.valueOffset() + 1];
        int port = (b.getShort(a.valueOffset() + 2) & 0xFFFF) ^ 0x2112;
        byte[] address = new byte[family == 1 ? 4 : 16];
        for (int i = 0; i < address.length; i++) {
            // The XOR key is the magic cookie followed by the transaction id: header bytes 4..19.
            address[i] = (byte) (message[a.valueOffset() + 4 + i] ^ message[4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** ERROR-CODE as class × 100 + number, or 0 when absent. */
    public int errorCode() {
        Attribute a = find(0x0009);
        return a == null ? 0 : (message[a.valueOffset() + 2] & 0x07) * 100 + (message[a.valueOffset() + 3] & 0xFF);
    }

    public String errorReason() {
        Attribute a = find(0x0009);
        return a == null ? null : new String(message, a.valueOffset() + 4, a.valueLength() - 4, StandardCharsets.UTF_8);
    }

    public List<Integer> unknownAttributes() {
        Attribute a = find(0x000A);
        List<Integer> types = new ArrayList<>();
        for (int i = 0; a != null && i < a.valueLength(); i += 2) {
            types.add(((message[a.valueOffset() + i] & 0xFF) << 8) | (message[a.valueOffset() + i + 1] & 0xFF));
        }
        return types;
    }

    /** Whether MESSAGE-INTEGRITY is present and computed with {@code password} (RFC 5389 §15.4). */
    public boolean integrityChecksWith(String password) {
        Attribute a = find(0x0008);
        if (a == null) {
            return false;
        }
        byte[] covered = Arrays.copyOf(message, a.valueOffset() - 4);
        int bodyLength = (a.valueOffset() + 20) - 20; // up to the end of MESSAGE-INTEGRITY, minus the header
        covered[2] = (byte) (bodyLength >>> 8);
        covered[3] = (byte) bodyLength;
        byte[] expected = StunRequestBuilder.hmacSha1(password, covered);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(message, a.valueOffset(), a.valueOffset() + 20));
    }

    /** Whether FINGERPRINT is present, last, and right (RFC 5389 §15.5). */
    public boolean fingerprintChecks() {
        Attribute a = find(0x8028);
        if (a == null || a != attributes.get(attributes.size() - 1)) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(message, 0, a.valueOffset() - 4);
        return ((int) crc.getValue() ^ 0x5354554E) == ByteBuffer.wrap(message).getInt(a.valueOffset());
    }

    private Attribute find(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst().orElse(null);
    }
}
