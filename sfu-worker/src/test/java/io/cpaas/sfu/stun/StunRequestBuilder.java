package io.cpaas.sfu.stun;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tiny STUN client for tests: crafts the Binding requests a browser sends (RFC 8445 §7.2.2), and
 * the malformed ones it does not. Written independently of the main code's writer (its own byte
 * layout, HMAC and CRC), so a shared misreading of the RFC cannot make both sides agree on a wrong
 * answer. Attributes appear in the order of the calls, MESSAGE-INTEGRITY and FINGERPRINT included,
 * so tests can put things where a well-behaved client would not.
 *
 * <pre>{@code
 * byte[] check = StunRequestBuilder.bindingRequest()
 *         .username(ours.ufrag() + ":" + "rmte")
 *         .priority(1853817087).iceControlling(42).useCandidate()
 *         .messageIntegrity(ours.password()).fingerprint()
 *         .build();
 * }</pre>
 */
public final class StunRequestBuilder {

    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int FINGERPRINT = 0x8028;
    private static final int HEADER_LENGTH = 20;

    private interface Entry {
        void writeTo(ByteArrayOutputStream message);
    }

    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final List<Entry> entries = new ArrayList<>();
    private int messageType = 0x0001;
    private byte[] transactionId;

    private StunRequestBuilder(byte[] transactionId) {
        this.transactionId = transactionId;
    }

    /**
     * A Binding request. Each builder gets the next transaction id of a fixed sequence: distinct, as
     * a browser's are, yet the same from run to run.
     */
    public static StunRequestBuilder bindingRequest() {
        return new StunRequestBuilder(ByteBuffer.allocate(12).putInt(0x7E57).putLong(NEXT_ID.getAndIncrement()).array());
    }

    public StunRequestBuilder messageType(int type) {
        this.messageType = type;
        return this;
    }

    public StunRequestBuilder transactionId(byte[] id) {
        if (id.length != 12) {
            throw new IllegalArgumentException("a transaction id is 12 bytes");
        }
        this.transactionId = id.clone();
        return this;
    }

    public StunRequestBuilder username(String username) {
        return attribute(0x0006, username.getBytes(StandardCharsets.UTF_8));
    }

    public StunRequestBuilder priority(long priority) {
        return attribute(0x0024, ByteBuffer.allocate(4).putInt((int) priority).array());
    }

    public StunRequestBuilder useCandidate() {
        return attribute(0x0025, new byte[0]);
    }

    public StunRequestBuilder iceControlling(long tieBreaker) {
        return attribute(0x802A, ByteBuffer.allocate(8).putLong(tieBreaker).array());
    }

    public StunRequestBuilder iceControlled(long tieBreaker) {
        return attribute(0x8029, ByteBuffer.allocate(8).putLong(tieBreaker).array());
    }

    /** Any attribute, value as given, zero-padded to 4 bytes. */
    public StunRequestBuilder attribute(int type, byte[] value) {
        byte[] copy = value.clone();
        entries.add(message -> writeAttribute(message, type, copy));
        return this;
    }

    /** MESSAGE-INTEGRITY keyed with {@code password}, over everything added before it. */
    public StunRequestBuilder messageIntegrity(String password) {
        entries.add(message -> {
            byte[] covered = withLengthField(message.toByteArray(), message.size() + 4 + 20 - HEADER_LENGTH);
            writeAttribute(message, MESSAGE_INTEGRITY, hmacSha1(password, covered));
        });
        return this;
    }

    /** FINGERPRINT over everything added before it. */
    public StunRequestBuilder fingerprint() {
        entries.add(message -> {
            byte[] covered = withLengthField(message.toByteArray(), message.size() + 4 + 4 - HEADER_LENGTH);
            CRC32 crc = new CRC32();
            crc.update(covered);
            writeAttribute(message, FINGERPRINT, ByteBuffer.allocate(4).putInt((int) crc.getValue() ^ 0x5354554E).array());
        });
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(ByteBuffer.allocate(HEADER_LENGTH)
                .putShort((short) messageType).putShort((short) 0).putInt(0x2112A442).put(transactionId).array());
        for (Entry entry : entries) {
            entry.writeTo(message);
        }
        return withLengthField(message.toByteArray(), message.size() - HEADER_LENGTH);
    }

    private static void writeAttribute(ByteArrayOutputStream message, int type, byte[] value) {
        int padding = (4 - value.length % 4) % 4;
        message.writeBytes(ByteBuffer.allocate(4).putShort((short) type).putShort((short) value.length).array());
        message.writeBytes(value);
        message.writeBytes(new byte[padding]);
    }

    private static byte[] withLengthField(byte[] message, int bodyLength) {
        message[2] = (byte) (bodyLength >>> 8);
        message[3] = (byte) bodyLength;
        return message;
    }

    static byte[] hmacSha1(String password, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
