package io.cpaas.api.token;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ES256 signatures (ECDSA P-256 with SHA-256, JWS form r‖s) and their verification over
 * BouncyCastle's specialised P-256 arithmetic, with deterministic nonces (RFC 6979). Minting is
 * signing-bound and every join verifies a token; JDK 17's generic curve code is several times slower
 * at both (the load soak found verification at almost half of room-service's CPU). Thread-safe.
 *
 * <p>BouncyCastle keeps a point's precomputed multiples on the point object and takes a lock on them
 * at every multiplication. Shared by all threads, the generator's lock made requests queue behind a
 * signing thread the scheduler had paused (25-45 ms waits in the load soak on 2 busy cores), so each
 * thread has its own copy of the generator and of each verifying key, with their own tables.
 */
final class Es256Signature {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final int COORDINATE_LENGTH = 32;
    /** A key set holds a few keys; the bound only keeps a misbehaving caller from growing a thread's map. */
    private static final int MAX_VERIFYING_KEYS = 64;
    private static final ThreadLocal<ThreadCurve> CURVE = ThreadLocal.withInitial(ThreadCurve::new);

    private final BigInteger privateScalar;

    Es256Signature(ECPrivateKey privateKey) {
        this.privateScalar = privateKey.getS();
    }

    /** The 64-byte JWS signature of {@code signingInput}. */
    byte[] sign(byte[] signingInput) {
        byte[] hash = sha256(signingInput);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateScalar, CURVE.get().domain));
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] signature = new byte[2 * COORDINATE_LENGTH];
        copyUnsigned(rs[0], signature, 0);
        copyUnsigned(rs[1], signature, COORDINATE_LENGTH);
        return signature;
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s ES256 signature of {@code signingInput}. False
     * for anything but 64 bytes, for r or s outside [1, n-1] (so no all-zero "psychic" signature) and
     * for a key that is not a point of P-256.
     */
    static boolean verify(ECPublicKey publicKey, byte[] signingInput, byte[] signature) {
        if (signature.length != 2 * COORDINATE_LENGTH) {
            return false;
        }
        ThreadCurve curve = CURVE.get();
        ECPublicKeyParameters key = curve.verifyingKeys.get(publicKey);
        if (key == null) {
            try {
                ECPoint point = curve.domain.getCurve().validatePoint(publicKey.getW().getAffineX(), publicKey.getW().getAffineY());
                key = new ECPublicKeyParameters(point, curve.domain);
            } catch (IllegalArgumentException notOnTheCurve) {
                return false;
            }
            if (curve.verifyingKeys.size() >= MAX_VERIFYING_KEYS) {
                curve.verifyingKeys.clear();
            }
            curve.verifyingKeys.put(publicKey, key);
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        BigInteger r = new BigInteger(1, signature, 0, COORDINATE_LENGTH);
        BigInteger s = new BigInteger(1, signature, COORDINATE_LENGTH, COORDINATE_LENGTH);
        return verifier.verifySignature(sha256(signingInput), r, s);
    }

    /**
     * One thread's generator and verifying keys. Reusing a key's point keeps its precomputed
     * multiples, which makes every verification after the first about twice as fast.
     */
    private static final class ThreadCurve {
        final ECDomainParameters domain;
        final Map<ECPublicKey, ECPublicKeyParameters> verifyingKeys = new HashMap<>();

        ThreadCurve() {
            ECPoint g = P256.getG();
            ECPoint ownG = P256.getCurve().createPoint(g.getAffineXCoord().toBigInteger(), g.getAffineYCoord().toBigInteger());
            domain = new ECDomainParameters(P256.getCurve(), ownG, P256.getN(), P256.getH());
        }
    }

    private static byte[] sha256(byte[] input) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    private static void copyUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > COORDINATE_LENGTH ? bytes.length - COORDINATE_LENGTH : 0; // drop the sign byte
        int length = bytes.length - skip;
        System.arraycopy(bytes, skip, target, offset + COORDINATE_LENGTH - length, length);
    }
}
