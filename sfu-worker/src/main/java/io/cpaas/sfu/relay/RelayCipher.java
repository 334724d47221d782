package io.cpaas.sfu.relay;

import io.cpaas.sfu.media.RelayOutlet;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the datagrams of one relay session (one room, one origin, one edge) with
 * AES-128-GCM under the session's key, which the origin made and handed to the edge over the
 * authenticated control channel.
 *
 * <pre>
 *  0      1      2            6                   14                 len-16     len
 *  | 0xFF | type | relay id   | counter (64 bits) | payload (sealed) | GCM tag  |
 * </pre>
 *
 * The first 14 bytes are authenticated as additional data. The nonce is the relay id and the
 * counter, whose top bit is the direction (0: origin to edge, 1: edge to origin), so the two sides
 * never use a nonce twice under the shared key. Counters only grow; a 64-packet window refuses
 * replays. {@link #seal} is synchronized (an edge sends from several threads); {@link #open} runs
 * on the receive thread only.
 */
final class RelayCipher {

    static final byte MEDIA = 1;
    static final byte FEEDBACK = 2;
    static final byte HELLO = 3;
    static final int HEADER = 14;
    static final int TAG = 16;
    static final int OVERHEAD = HEADER + TAG;
    static final int KEY_LENGTH = 16;
    private static final long EDGE_TO_ORIGIN = Long.MIN_VALUE;
    private static final int WINDOW = 64;

    private final int relayId;
    private final SecretKeySpec key;
    private final long sendDirection;
    private final Cipher sealer;
    private final Cipher opener;
    private final byte[] sealNonce = new byte[12];
    private final byte[] openNonce = new byte[12];
    private long sent;
    private long highest = -1;
    private long seen;

    private RelayCipher(int relayId, byte[] key, boolean origin) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a relay key has " + KEY_LENGTH + " bytes");
        }
        this.relayId = relayId;
        this.key = new SecretKeySpec(key, "AES");
        this.sendDirection = origin ? 0 : EDGE_TO_ORIGIN;
        try {
            this.sealer = Cipher.getInstance("AES/GCM/NoPadding");
            this.opener = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    static RelayCipher forOrigin(int relayId, byte[] key) {
        return new RelayCipher(relayId, key, true);
    }

    static RelayCipher forEdge(int relayId, byte[] key) {
        return new RelayCipher(relayId, key, false);
    }

    /** The relay id a datagram names, 0 when it is too short to be one. */
    static int relayIdOf(byte[] buf, int len) {
        return len < OVERHEAD ? 0 : readInt(buf, 2);
    }

    static byte typeOf(byte[] buf) {
        return buf[1];
    }

    int relayId() {
        return relayId;
    }

    /** Writes the sealed datagram into {@code out} (from 0); answers its length. {@code out} needs len + 30 bytes. */
    synchronized int seal(byte type, byte[] payload, int off, int len, byte[] out) {
        long counter = sendDirection | sent++;
        out[0] = RelayOutlet.DATAGRAM_MARKER;
        out[1] = type;
        writeInt(out, 2, relayId);
        writeLong(out, 6, counter);
        System.arraycopy(out, 2, sealNonce, 0, 12);
        try {
            sealer.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, sealNonce));
            sealer.updateAAD(out, 0, HEADER);
            return HEADER + sealer.doFinal(payload, off, len, out, HEADER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing a relay datagram failed", e);
        }
    }

    /**
     * Opens a datagram sealed by the other side into {@code out} (from 0); answers the payload
     * length, or -1 when it is not authentic, from this side, replayed or too old. A refused
     * datagram changes nothing.
     */
    int open(byte[] buf, int len, byte[] out) {
        if (len < OVERHEAD || buf[0] != RelayOutlet.DATAGRAM_MARKER || readInt(buf, 2) != relayId) {
            return -1;
        }
        long counter = readLong(buf, 6);
        if ((counter & EDGE_TO_ORIGIN) == sendDirection) {
            return -1; // our own direction: reflected back at us
        }
        long index = counter & Long.MAX_VALUE;
        if (highest >= 0 && index <= highest && (highest - index >= WINDOW || (seen & (1L << (highest - index))) != 0)) {
            return -1;
        }
        System.arraycopy(buf, 2, openNonce, 0, 12);
        int length;
        try {
            opener.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, openNonce));
            opener.updateAAD(buf, 0, HEADER);
            length = opener.doFinal(buf, HEADER, len - HEADER, out, 0);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
        if (highest < 0) {
            highest = index;
            seen = 1L;
        } else if (index > highest) {
            long ahead = index - highest;
            seen = ahead >= WINDOW ? 1L : (seen << ahead) | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
        return length;
    }

    private static int readInt(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 24 | (buf[at + 1] & 0xFF) << 16 | (buf[at + 2] & 0xFF) << 8 | buf[at + 3] & 0xFF;
    }

    private static long readLong(byte[] buf, int at) {
        return (long) readInt(buf, at) << 32 | readInt(buf, at + 4) & 0xFFFFFFFFL;
    }

    private static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    private static void writeLong(byte[] buf, int at, long value) {
        writeInt(buf, at, (int) (value >>> 32));
        writeInt(buf, at + 4, (int) value);
    }
}
