package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicKeySetTests {

    private static final SigningKey CURRENT = SigningKey.generate();
    private static final SigningKey PREVIOUS = SigningKey.generate();

    @Test
    void jwksRoundTrips() {
        PublicKeySet keys = PublicKeySet.of(CURRENT, PREVIOUS);
        PublicKeySet parsed = PublicKeySet.fromJwksJson(keys.toJwksJson());
        assertEquals(keys, parsed);
        assertEquals(List.of(CURRENT.kid(), PREVIOUS.kid()), List.copyOf(parsed.keys().keySet()));
    }

    @Test
    void jwksHoldsPublicMembersOnly() throws Exception {
        String json = PublicKeySet.of(CURRENT, PREVIOUS).toJwksJson();
        assertFalse(json.contains("\"d\""), json);
        Map<String, Object>[] keys = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(json), "keys");
        assertEquals(2, keys.length);
        for (Map<String, Object> key : keys) {
            assertEquals(Set.of("kty", "crv", "x", "y", "kid", "use", "alg"), key.keySet());
            assertEquals("EC", key.get("kty"));
            assertEquals("P-256", key.get("crv"));
            assertEquals("sig", key.get("use"));
            assertEquals("ES256", key.get("alg"));
        }
    }

    @Test
    void jwksCoordinatesAreTheKeysPointAs32ByteBigEndian() throws Exception {
        Map<String, Object> key = JSONObjectUtils.getJSONObjectArray(
                JSONObjectUtils.parse(PublicKeySet.of(CURRENT).toJwksJson()), "keys")[0];
        assertEquals(CURRENT.kid(), key.get("kid"));
        byte[] x = Base64.getUrlDecoder().decode((String) key.get("x"));
        byte[] y = Base64.getUrlDecoder().decode((String) key.get("y"));
        assertEquals(32, x.length);
        assertEquals(32, y.length);
        assertEquals(CURRENT.publicKey().getW().getAffineX(), new BigInteger(1, x));
        assertEquals(CURRENT.publicKey().getW().getAffineY(), new BigInteger(1, y));
    }

    @Test
    void resolveFindsKeysByKid() {
        PublicKeySet keys = PublicKeySet.of(CURRENT, PREVIOUS);
        assertEquals(PREVIOUS.publicKey(), keys.resolve(PREVIOUS.kid()).orElseThrow());
        assertTrue(keys.resolve("unknown").isEmpty());
        assertTrue(keys.resolve(null).isEmpty());
    }

    @Test
    void otherKeyTypesCurvesAndUsesAreSkipped() throws Exception {
        String p256 = jwk(CURRENT);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        ECPublicKey p384 = (ECPublicKey) generator.generateKeyPair().getPublic();
        String p384Jwk = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"kid\":\"p384\",\"x\":\"" + coordinate(p384.getW().getAffineX(), 48)
                + "\",\"y\":\"" + coordinate(p384.getW().getAffineY(), 48) + "\"}";
        // Skipped on "kty" alone, so the RSA modulus need not be a real one.
        String rsa = "{\"kty\":\"RSA\",\"kid\":\"rsa\",\"use\":\"sig\",\"n\":\"sXchDaQebHnPiGvyDOAT4saGEUetSyo9\",\"e\":\"AQAB\"}";
        String oct = "{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0\"}";
        String[] variants = {
                p256.replace("\"use\":\"sig\"", "\"use\":\"enc\"").replace(CURRENT.kid(), "enc-use"),
                p256.replace("\"alg\":\"ES256\"", "\"alg\":\"ES384\"").replace(CURRENT.kid(), "other-alg"),
                p256.replace("\"kid\":\"" + CURRENT.kid() + "\",", "")};
        String json = "{\"keys\":[" + rsa + "," + oct + "," + p384Jwk + "," + String.join(",", variants) + "," + p256 + "]}";
        assertEquals(PublicKeySet.of(CURRENT), PublicKeySet.fromJwksJson(json));
    }

    @Test
    void jwksWithoutUseOrAlgStillYieldsTheKey() {
        String bare = jwk(CURRENT).replace(",\"use\":\"sig\"", "").replace(",\"alg\":\"ES256\"", "")
                .replace("\"use\":\"sig\",", "").replace("\"alg\":\"ES256\",", "");
        assertFalse(bare.contains("use") || bare.contains("alg"), bare);
        assertEquals(PublicKeySet.of(CURRENT), PublicKeySet.fromJwksJson("{\"keys\":[" + bare + "]}"));
    }

    @Test
    void privateMemberPublishedByMistakeIsNotKept() {
        String withD = jwk(CURRENT).replaceFirst("\\{", "{\"d\":\"" + coordinate(CURRENT.privateKey().getS(), 32) + "\",");
        PublicKeySet parsed = PublicKeySet.fromJwksJson("{\"keys\":[" + withD + "]}");
        assertEquals(PublicKeySet.of(CURRENT), parsed);
        assertFalse(parsed.toJwksJson().contains("\"d\""));
    }

    @Test
    void garbageIsRefusedWithAClearMessage() {
        String[] documents = {"not json", "[]", "[{\"keys\":[]}]", "{}", "{\"keys\":5}", "{\"keys\":[1]}",
                "{\"keys\":{}}", "", "{\"keys\":[" + "x".repeat(PublicKeySet.MAX_JWKS_LENGTH) + "]}"};
        for (String document : documents) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> PublicKeySet.fromJwksJson(document), document.length() > 40 ? "huge" : document);
            assertTrue(refusal.getMessage().startsWith("JWKS"), refusal.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PublicKeySet.fromJwksJson(null));
    }

    @Test
    void pointOffTheCurveIsRefused() {
        BigInteger y = CURRENT.publicKey().getW().getAffineY();
        String moved = jwk(CURRENT).replace(coordinate(y, 32), coordinate(y.add(BigInteger.ONE), 32));
        assertThrows(IllegalArgumentException.class, () -> PublicKeySet.fromJwksJson("{\"keys\":[" + moved + "]}"));
    }

    @Test
    void kidUsedTwiceIsRefused() {
        String twice = "{\"keys\":[" + jwk(CURRENT) + "," + jwk(PREVIOUS).replace(PREVIOUS.kid(), CURRENT.kid()) + "]}";
        assertThrows(IllegalArgumentException.class, () -> PublicKeySet.fromJwksJson(twice));
        SigningKey sameKid = new SigningKey(CURRENT.kid(), PREVIOUS.privateKey(), PREVIOUS.publicKey());
        assertThrows(IllegalArgumentException.class, () -> PublicKeySet.of(CURRENT, sameKid));
    }

    @Test
    void emptySetIsAValidJwks() {
        PublicKeySet empty = PublicKeySet.of();
        assertEquals("{\"keys\":[]}", empty.toJwksJson());
        assertEquals(empty, PublicKeySet.fromJwksJson("{\"keys\":[]}"));
    }

    @Test
    void keysMapCannotBeChangedFromOutside() {
        PublicKeySet keys = PublicKeySet.of(CURRENT);
        assertThrows(UnsupportedOperationException.class, () -> keys.keys().put("x", PREVIOUS.publicKey()));
    }

    private static String jwk(SigningKey key) {
        return PublicKeySet.of(key).toJwksJson().replaceFirst("^\\{\"keys\":\\[(.*)]}$", "$1");
    }

    private static String coordinate(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
