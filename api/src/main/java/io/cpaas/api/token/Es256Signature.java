package io.cpaas.api.token;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class Es256Signature {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final int COORDINATE_LENGTH = 32;
    /**
     * Verifying keys by public key: BouncyCastle keeps its precomputed multiples of a point on the
     * point, so reusing it makes every verification after the first about twice as fast. A key set
     * holds a few keys; the bound only keeps a misbehaving caller from growing the map.
     */
    private static final Map<ECPublicKey, ECPublicKeyParameters> VERIFYING_KEYS = new ConcurrentHashMap<>();
    private static final int MAX_VERIFYING_KEYS = 64;

    private final ECPrivateKeyParameters key;

    Es256Signature(ECPrivateKey privateKey) {
        this.key = new ECPrivateKeyParameters(privateKey.getS(), DOMAIN);
    }

    /** The 64-byte JWS signature of {@code signingInput}. */
    byte[] sign(byte[] signingInput) {
        byte[] hash = sha256(signingInput);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
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
        ECPublicKeyParameters key = VERIFYING_KEYS.get(publicKey);
        if (key == null) {
            try {
                ECPoint point = DOMAIN.getCurve().validatePoint(publicKey.getW().getAffineX(), publicKey.getW().getAffineY());
                key = new ECPublicKeyParameters(point, DOMAIN);
            } catch (IllegalArgumentException notOnTheCurve) {
                return false;
            }
            if (VERIFYING_KEYS.size() >= MAX_VERIFYING_KEYS) {
                VERIFYING_KEYS.clear();
            }
            VERIFYING_KEYS.put(publicKey, key);
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        BigInteger r = new BigInteger(1, signature, 0, COORDINATE_LENGTH);
        BigInteger s = new BigInteger(1, signature, COORDINATE_LENGTH, COORDINATE_LENGTH);
        return verifier.verifySignature(sha256(signingInput), r, s);
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
