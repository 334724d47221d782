package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningKeyTests {

    private static final SigningKey KEY = SigningKey.generate();

    @Test
    void pkcs8AndSpkiEncodingsRoundTrip() {
        SigningKey decoded = SigningKey.fromEncoded(KEY.kid(), KEY.privateKeyPkcs8(), KEY.publicKeySpki());
        assertEquals(KEY, decoded);
        assertArrayEquals(KEY.privateKeyPkcs8(), decoded.privateKeyPkcs8());
        assertArrayEquals(KEY.publicKeySpki(), decoded.publicKeySpki());
    }

    @Test
    void decodedKeySignsTokensTheOriginalPublicKeyAccepts() {
        SigningKey decoded = SigningKey.fromEncoded(KEY.kid(), KEY.privateKeyPkcs8(), KEY.publicKeySpki());
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        RoomTokenClaims claims = RoomTokenClaims.issue("t_1", "r", "alice", null, null, RoomGrants.standard(), now,
                Duration.ofMinutes(1));
        RoomTokenVerifier verifier = new RoomTokenVerifier(PublicKeySet.of(KEY), Clock.fixed(now, ZoneOffset.UTC));
        assertEquals(claims, verifier.verifyRoomToken(new RoomTokenSigner(decoded).sign(claims)));
    }

    @Test
    void encodingsAreStandardP256Der() {
        assertEquals("PKCS#8", KEY.privateKey().getFormat());
        assertEquals("X.509", KEY.publicKey().getFormat());
        // SubjectPublicKeyInfo for P-256: fixed 26-byte prefix (id-ecPublicKey, prime256v1), then 04 || x || y.
        byte[] spki = KEY.publicKeySpki();
        assertEquals(91, spki.length);
        assertEquals("3059301306072a8648ce3d020106082a8648ce3d03010703420004", HexFormat.of().formatHex(spki, 0, 27));
    }

    @Test
    void generatedKeysHaveFreshKidsAndKeys() {
        SigningKey other = SigningKey.generate();
        assertNotEquals(KEY.kid(), other.kid());
        assertNotEquals(KEY.publicKey(), other.publicKey());
        assertEquals(22, KEY.kid().length());
    }

    @Test
    void halvesOfDifferentPairsAreRefused() {
        SigningKey other = SigningKey.generate();
        assertThrows(IllegalArgumentException.class, () -> new SigningKey("k", KEY.privateKey(), other.publicKey()));
        assertThrows(IllegalArgumentException.class,
                () -> SigningKey.fromEncoded("k", KEY.privateKeyPkcs8(), other.publicKeySpki()));
    }

    @Test
    void keysOnOtherCurvesAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        var pair = generator.generateKeyPair();
        assertThrows(IllegalArgumentException.class,
                () -> new SigningKey("k", (ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.decodePublicKey(pair.getPublic().getEncoded()));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.decodePrivateKey(pair.getPrivate().getEncoded()));
    }

    @Test
    void bytesThatAreNotKeysAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        byte[] rsaPublic = rsa.generateKeyPair().getPublic().getEncoded();
        for (byte[] garbage : List.of(new byte[0], new byte[] {1, 2, 3}, KEY.privateKeyPkcs8(), rsaPublic)) {
            assertThrows(IllegalArgumentException.class, () -> SigningKey.decodePublicKey(garbage));
        }
        for (byte[] garbage : List.of(new byte[0], new byte[] {0x30, 0x00}, KEY.publicKeySpki())) {
            assertThrows(IllegalArgumentException.class, () -> SigningKey.decodePrivateKey(garbage));
        }
    }

    @Test
    void kidsThatWouldNeedEscapingAreRefused() {
        for (String kid : new String[] {"", "a\"b", "a\\b", "key id", "x".repeat(65), "ключ"}) {
            assertThrows(IllegalArgumentException.class, () -> new SigningKey(kid, KEY.privateKey(), KEY.publicKey()), kid);
        }
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(null, KEY.privateKey(), KEY.publicKey()));
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        String text = KEY.toString();
        assertFalse(text.contains(KEY.privateKey().getS().toString()), text);
        assertFalse(text.contains(KEY.privateKey().getS().toString(16)), text);
        assertFalse(text.contains(Base64.getEncoder().encodeToString(KEY.privateKeyPkcs8()).substring(0, 40)), text);
        assertEquals("SigningKey[kid=" + KEY.kid() + ", privateKey=***]", text);
    }
}
