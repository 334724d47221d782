package io.cpaas.api.token;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ES256 signatures (ECDSA P-256 with SHA-256, JWS form r‖s) over BouncyCastle's specialised P-256
 * arithmetic, with deterministic nonces (RFC 6979): minting tokens is signing-bound, and JDK 17's
 * generic curve code is several times slower. Thread-safe.
 */
final class Es256Signature {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final int COORDINATE_LENGTH = 32;

    private final ECPrivateKeyParameters key;

    Es256Signature(ECPrivateKey privateKey) {
        this.key = new ECPrivateKeyParameters(privateKey.getS(), DOMAIN);
    }

    /** The 64-byte JWS signature of {@code signingInput}. */
    byte[] sign(byte[] signingInput) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(signingInput, 0, signingInput.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] signature = new byte[2 * COORDINATE_LENGTH];
        copyUnsigned(rs[0], signature, 0);
        copyUnsigned(rs[1], signature, COORDINATE_LENGTH);
        return signature;
    }

    private static void copyUnsigned(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > COORDINATE_LENGTH ? bytes.length - COORDINATE_LENGTH : 0; // drop the sign byte
        int length = bytes.length - skip;
        System.arraycopy(bytes, skip, target, offset + COORDINATE_LENGTH - length, length);
    }
}
