package io.cpaas.api.token;

import com.nimbusds.jose.jwk.Curve;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One P-256 key pair that signs room tokens and join tickets, named by the {@code kid} that tokens
 * carry and JWKS publishes. Encodes to PKCS#8 (private) and X.509 SubjectPublicKeyInfo (public) DER
 * so room-service can keep keys in PostgreSQL; the private half never leaves through {@link #toString()}.
 */
public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey) {

    // The kid goes verbatim into the JWS header the signer builds once, so it must need no JSON escaping.
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final byte[] PAIR_PROBE = "cpaas signing key pair check".getBytes(StandardCharsets.US_ASCII);

    public SigningKey {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("kid must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        requireP256(Objects.requireNonNull(privateKey, "privateKey"), "private key");
        requireP256(Objects.requireNonNull(publicKey, "publicKey"), "public key");
        requireMatchingPair(privateKey, publicKey);
    }

    /** A fresh key pair with a random kid. */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(TokenFormat.randomId(), (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    /** The key pair stored as {@link #privateKeyPkcs8()} and {@link #publicKeySpki()}. */
    public static SigningKey fromEncoded(String kid, byte[] privateKeyPkcs8, byte[] publicKeySpki) {
        return new SigningKey(kid, decodePrivateKey(privateKeyPkcs8), decodePublicKey(publicKeySpki));
    }

    public static ECPrivateKey decodePrivateKey(byte[] pkcs8) {
        try {
            if (KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof ECPrivateKey key) {
                return requireP256(key, "private key");
            }
        } catch (GeneralSecurityException | RuntimeException notPkcs8) {
            // fall through to the one message callers see
        }
        throw new IllegalArgumentException("not a PKCS#8-encoded P-256 private key");
    }

    public static ECPublicKey decodePublicKey(byte[] spki) {
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)) instanceof ECPublicKey key) {
                return requireP256(key, "public key");
            }
        } catch (GeneralSecurityException | RuntimeException notSpki) {
            // fall through to the one message callers see
        }
        throw new IllegalArgumentException("not an X.509 (SubjectPublicKeyInfo) encoded P-256 public key");
    }

    /** PKCS#8 DER of the private key: store it encrypted or in a secret store, never in logs. */
    public byte[] privateKeyPkcs8() {
        return privateKey.getEncoded();
    }

    /** X.509 SubjectPublicKeyInfo DER of the public key. */
    public byte[] publicKeySpki() {
        return publicKey.getEncoded();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", privateKey=***]";
    }

    static boolean isP256(ECKey key) {
        return Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()));
    }

    private static <K extends ECKey> K requireP256(K key, String what) {
        if (!isP256(key)) {
            throw new IllegalArgumentException(what + " is not on curve P-256");
        }
        return key;
    }

    // Catches a stored private key paired with the wrong public row before it signs tokens nobody can verify.
    private static void requireMatchingPair(ECPrivateKey privateKey, ECPublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey);
            signer.update(PAIR_PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(PAIR_PROBE);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException unusable) {
            // fall through
        }
        throw new IllegalArgumentException("private and public key do not form a pair");
    }
}
