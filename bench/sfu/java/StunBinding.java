import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of an ICE connectivity check (RFC 8445 §7.2.2): a Binding request with USERNAME
 * "remote:local", PRIORITY, ICE-CONTROLLING and USE-CANDIDATE (or ICE-CONTROLLED), signed with the remote password. The
 * worker only has the answering side ({@code IceLiteResponder}), which the load tool reuses to answer
 * the checks of a full-ICE server (Janus).
 */
final class StunBinding {

    private static final int MAGIC_COOKIE = 0x2112A442;

    private final byte[] username;
    private final Mac integrity;
    private final long tieBreaker = ThreadLocalRandom.current().nextLong();
    private final CRC32 crc = new CRC32();

    private final boolean controlling;

    StunBinding(String remoteUfrag, String localUfrag, String remotePassword, boolean controlling) {
        this.controlling = controlling;
        this.username = (remoteUfrag + ":" + localUfrag).getBytes(StandardCharsets.UTF_8);
        try {
            integrity = Mac.getInstance("HmacSHA1");
            integrity.init(new SecretKeySpec(remotePassword.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a nominating request into {@code out} (at least 128 bytes) and answers its length. */
    int write(ByteBuffer out, boolean nominate) {
        out.clear();
        out.putShort((short) 0x0001).putShort((short) 0).putInt(MAGIC_COOKIE);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        out.putInt(random.nextInt()).putInt(random.nextInt()).putInt(random.nextInt());
        attribute(out, 0x0006, username);
        out.putShort((short) 0x0024).putShort((short) 4).putInt(0x6E7F1EFF); // PRIORITY of a host candidate
        // ICE-CONTROLLING or ICE-CONTROLLED with our tie-breaker
        out.putShort((short) (controlling ? 0x802A : 0x8029)).putShort((short) 8).putLong(tieBreaker);
        if (nominate && controlling) {
            out.putShort((short) 0x0025).putShort((short) 0); // USE-CANDIDATE
        }
        // MESSAGE-INTEGRITY: the length field already counts the attribute (RFC 5389 §15.4).
        out.putShort(2, (short) (out.position() - 20 + 24));
        byte[] array = out.array();
        integrity.update(array, 0, out.position());
        byte[] mac = integrity.doFinal();
        out.putShort((short) 0x0008).putShort((short) 20).put(mac);
        out.putShort(2, (short) (out.position() - 20 + 8));
        crc.reset();
        crc.update(array, 0, out.position());
        out.putShort((short) 0x8028).putShort((short) 4).putInt((int) crc.getValue() ^ 0x5354554E);
        out.putShort(2, (short) (out.position() - 20));
        return out.position();
    }

    private static void attribute(ByteBuffer out, int type, byte[] value) {
        out.putShort((short) type).putShort((short) value.length).put(value);
        while ((out.position() & 3) != 0) {
            out.put((byte) 0);
        }
    }

    /** True for a Binding success response (0x0101). */
    static boolean isSuccess(byte[] buf, int len) {
        return len >= 20 && buf[0] == 0x01 && buf[1] == 0x01;
    }

    /** True for a Binding request (0x0001). */
    static boolean isRequest(byte[] buf, int len) {
        return len >= 20 && buf[0] == 0x00 && buf[1] == 0x01;
    }
}
