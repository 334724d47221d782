package io.cpaas.api.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The public keys that may have signed a token, by kid: what room-service serves at
 * {@code /.well-known/jwks.json} and what workers fetch to check join tickets offline. During a key
 * rotation it holds the new key and the old one until the longest token ttl has passed.
 */
public record PublicKeySet(Map<String, ECPublicKey> keys) implements PublicKeyResolver {

    /** Far above any real key set; a bound so a hostile or broken endpoint cannot make us parse megabytes. */
    public static final int MAX_JWKS_LENGTH = 64 * 1024;

    public PublicKeySet {
        Map<String, ECPublicKey> copy = new LinkedHashMap<>();
        keys.forEach((kid, key) -> {
            TokenFormat.requireText(kid, "kid");
            Objects.requireNonNull(key, "key");
            if (!SigningKey.isP256(key)) {
                throw new IllegalArgumentException("key " + kid + " is not on curve P-256");
            }
            copy.put(kid, key);
        });
        keys = Collections.unmodifiableMap(copy);
    }

    public static PublicKeySet of(Collection<SigningKey> signingKeys) {
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        for (SigningKey key : signingKeys) {
            if (keys.put(key.kid(), key.publicKey()) != null) {
                throw new IllegalArgumentException("two signing keys share kid " + key.kid());
            }
        }
        return new PublicKeySet(keys);
    }

    public static PublicKeySet of(SigningKey... signingKeys) {
        return of(List.of(signingKeys));
    }

    @Override
    public Optional<ECPublicKey> resolve(String kid) {
        return Optional.ofNullable(keys.get(kid));
    }

    /** Kids only: the default would print every coordinate of every key. */
    @Override
    public String toString() {
        return "PublicKeySet[kids=" + keys.keySet() + "]";
    }

    /** The JWKS document: public coordinates only, each key marked for ES256 signatures. */
    public String toJwksJson() {
        List<JWK> jwks = new ArrayList<>();
        keys.forEach((kid, key) -> jwks.add(new ECKey.Builder(Curve.P_256, key)
                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build()));
        return new JWKSet(jwks).toString(true);
    }

    /**
     * Reads a JWKS document, keeping the P-256 signing keys that have a kid and skipping other key types,
     * curves and uses (a shared JWKS may hold them). Throws {@link IllegalArgumentException} when the
     * document is not a JWKS, or when a key claiming to be P-256 is broken (a point off the curve).
     */
    public static PublicKeySet fromJwksJson(String json) {
        if (json == null || json.length() > MAX_JWKS_LENGTH) {
            throw new IllegalArgumentException("JWKS is missing or larger than " + MAX_JWKS_LENGTH + " characters");
        }
        Map<String, Object>[] entries;
        try {
            entries = JSONObjectUtils.getJSONObjectArray(JSONObjectUtils.parse(json), "keys");
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("JWKS is not a JSON object with a \"keys\" array of objects");
        }
        if (entries == null) {
            throw new IllegalArgumentException("JWKS has no \"keys\" array");
        }
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        for (Map<String, Object> entry : entries) {
            if (!isP256SigningKey(entry)) {
                continue;
            }
            String kid = (String) entry.get("kid");
            ECPublicKey key = publicKey(entry, kid);
            if (keys.put(kid, key) != null) {
                throw new IllegalArgumentException("JWKS holds kid " + kid + " twice");
            }
        }
        return new PublicKeySet(keys);
    }

    private static boolean isP256SigningKey(Map<String, Object> entry) {
        Object use = entry.get("use");
        Object alg = entry.get("alg");
        return "EC".equals(entry.get("kty"))
                && Curve.P_256.getName().equals(entry.get("crv"))
                && entry.get("kid") instanceof String kid && !kid.isBlank()
                && (use == null || KeyUse.SIGNATURE.getValue().equals(use))
                && (alg == null || JWSAlgorithm.ES256.getName().equals(alg));
    }

    private static ECPublicKey publicKey(Map<String, Object> entry, String kid) {
        try {
            return ECKey.parse(entry).toECPublicKey();
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new IllegalArgumentException("JWKS key " + kid + " is not a valid P-256 public key");
        }
    }
}
