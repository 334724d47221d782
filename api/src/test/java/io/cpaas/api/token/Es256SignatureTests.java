package io.cpaas.api.token;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Es256SignatureTests {

    private static final SigningKey KEY = SigningKey.generate();
    private static final SigningKey OTHER_KEY = SigningKey.generate();
    private static final BigInteger ORDER = KEY.publicKey().getParams().getOrder();

    @Test
    void signaturesInteroperateWithTheJdkBothWays() throws GeneralSecurityException {
        for (int i = 0; i < 20; i++) {
            byte[] input = ("header.payload-" + i).getBytes(US_ASCII);
            Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdk.initSign(KEY.privateKey());
            jdk.update(input);
            assertTrue(Es256Signature.verify(KEY.publicKey(), input, jdk.sign()), "the JDK's signature " + i);

            byte[] ours = new Es256Signature(KEY.privateKey()).sign(input);
            jdk.initVerify(KEY.publicKey());
            jdk.update(input);
            assertTrue(jdk.verify(ours), "our signature " + i + " checked by the JDK");
            assertTrue(Es256Signature.verify(KEY.publicKey(), input, ours));
        }
    }

    /** Each thread has its own copy of the curve's points: signatures from one must hold everywhere. */
    @Test
    void signaturesMadeOnManyThreadsVerifyOnOthersAndWithTheJdk() throws Exception {
        Es256Signature signer = new Es256Signature(KEY.privateKey());
        ExecutorService signers = Executors.newFixedThreadPool(8);
        ExecutorService verifiers = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> signatures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                byte[] input = ("header.payload-" + i).getBytes(US_ASCII);
                signatures.add(signers.submit(() -> signer.sign(input)));
            }
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < signatures.size(); i++) {
                byte[] input = ("header.payload-" + i).getBytes(US_ASCII);
                byte[] signature = signatures.get(i).get(30, TimeUnit.SECONDS);
                checks.add(verifiers.submit(() -> Es256Signature.verify(KEY.publicKey(), input, signature)
                        && !Es256Signature.verify(OTHER_KEY.publicKey(), input, signature)));
                Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
                jdk.initVerify(KEY.publicKey());
                jdk.update(input);
                assertTrue(jdk.verify(signature), "signature " + i + " checked by the JDK");
            }
            for (int i = 0; i < checks.size(); i++) {
                assertTrue(checks.get(i).get(30, TimeUnit.SECONDS), "signature " + i + " verified on another thread");
            }
        } finally {
            signers.shutdownNow();
            verifiers.shutdownNow();
        }
    }

    @Test
    void anyChangedByteOfInputOrSignatureIsRefused() {
        byte[] input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9".getBytes(US_ASCII);
        byte[] signature = new Es256Signature(KEY.privateKey()).sign(input);
        for (int i = 0; i < signature.length; i++) {
            byte[] changed = signature.clone();
            changed[i] ^= 1;
            assertFalse(Es256Signature.verify(KEY.publicKey(), input, changed), "signature byte " + i);
        }
        for (int i = 0; i < input.length; i++) {
            byte[] changed = input.clone();
            changed[i] ^= 1;
            assertFalse(Es256Signature.verify(KEY.publicKey(), changed, signature), "input byte " + i);
        }
        assertFalse(Es256Signature.verify(OTHER_KEY.publicKey(), input, signature), "another key");
    }

    @Test
    void rAndSOutsideOneToTheOrderAreRefused() {
        byte[] input = "header.payload".getBytes(US_ASCII);
        byte[] valid = new Es256Signature(KEY.privateKey()).sign(input);
        BigInteger r = new BigInteger(1, valid, 0, 32);
        BigInteger s = new BigInteger(1, valid, 32, 32);
        assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(BigInteger.ZERO, BigInteger.ZERO)), "psychic signature");
        assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(r, BigInteger.ZERO)));
        assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(BigInteger.ZERO, s)));
        assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(ORDER, s)));
        assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(r, ORDER)));
        // s + n names the same value mod n; only r and s below n are signatures.
        if (s.add(ORDER).bitLength() <= 256) {
            assertFalse(Es256Signature.verify(KEY.publicKey(), input, rs(r, s.add(ORDER))));
        }
    }

    @Test
    void signaturesOfAnyOtherLengthAreRefused() {
        byte[] input = "header.payload".getBytes(US_ASCII);
        byte[] valid = new Es256Signature(KEY.privateKey()).sign(input);
        for (int length : new int[] {0, 1, 63, 65, 72, 128}) {
            assertFalse(Es256Signature.verify(KEY.publicKey(), input, Arrays.copyOf(valid, length)), length + " bytes");
        }
    }

    @Test
    void aPublicKeyThatIsNotAPointOfP256IsRefused() {
        byte[] input = "header.payload".getBytes(US_ASCII);
        byte[] signature = new Es256Signature(KEY.privateKey()).sign(input);
        ECPoint real = KEY.publicKey().getW();
        ECPublicKey offTheCurve = publicKey(new ECPoint(real.getAffineX(), real.getAffineY().add(BigInteger.ONE)));
        assertFalse(Es256Signature.verify(offTheCurve, input, signature));
        assertFalse(Es256Signature.verify(publicKey(new ECPoint(BigInteger.ZERO, BigInteger.ZERO)), input, signature));
    }

    private static byte[] rs(BigInteger r, BigInteger s) {
        byte[] signature = new byte[64];
        copy(r, signature, 0);
        copy(s, signature, 32);
        return signature;
    }

    private static void copy(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, skip, target, offset + 32 - (bytes.length - skip), bytes.length - skip);
    }

    /** A key as a hostile key set could hand over: P-256 parameters, any point. */
    private static ECPublicKey publicKey(ECPoint point) {
        ECParameterSpec params = KEY.publicKey().getParams();
        return new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return point;
            }

            @Override
            public ECParameterSpec getParams() {
                return params;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                return new byte[0];
            }
        };
    }
}
