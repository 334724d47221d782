package io.cpaas.api.token;

import static io.cpaas.api.token.TokenFormat.GRANTS;
import static io.cpaas.api.token.TokenFormat.METADATA;
import static io.cpaas.api.token.TokenFormat.NAME;
import static io.cpaas.api.token.TokenFormat.PARTICIPANT_SID;
import static io.cpaas.api.token.TokenFormat.ROOM;
import static io.cpaas.api.token.TokenFormat.TENANT;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs room tokens and join tickets with one {@link SigningKey} as compact ES256 JWS. The header is
 * encoded once per signer; each call only serializes the claims and signs. Thread-safe: share one
 * instance per key.
 */
public final class RoomTokenSigner {

    private final String kid;
    private final String encodedHeader;
    private final Es256Signature signer;

    public RoomTokenSigner(SigningKey key) {
        this.kid = key.kid();
        // Written by hand for a fixed member order; SigningKey restricts kid to characters needing no escape.
        this.encodedHeader = Base64URL.encode("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").toString();
        this.signer = new Es256Signature(key.privateKey());
    }

    /** The kid every token from this signer carries. */
    public String kid() {
        return kid;
    }

    public String sign(RoomTokenClaims claims) {
        Map<String, Object> payload = registeredClaims(TokenFormat.ROOM_AUDIENCE, claims.identity(),
                claims.issuedAt(), claims.notBefore(), claims.expiresAt(), claims.tokenId());
        payload.put(TENANT, claims.tenantId());
        payload.put(ROOM, claims.room());
        putIfPresent(payload, NAME, claims.name());
        putIfPresent(payload, METADATA, claims.metadata());
        payload.put(GRANTS, TokenFormat.grantsToJson(claims.grants()));
        return sign(payload);
    }

    public String sign(JoinTicketClaims claims) {
        // nbf = iat so that tickets and room tokens go through one validity check.
        Map<String, Object> payload = registeredClaims(TokenFormat.workerAudience(claims.workerId()),
                claims.identity(), claims.issuedAt(), claims.issuedAt(), claims.expiresAt(), claims.ticketId());
        payload.put(TENANT, claims.tenantId());
        payload.put(ROOM, claims.room());
        putIfPresent(payload, PARTICIPANT_SID, claims.participantSid());
        putIfPresent(payload, NAME, claims.name());
        putIfPresent(payload, METADATA, claims.metadata());
        payload.put(GRANTS, TokenFormat.grantsToJson(claims.grants()));
        return sign(payload);
    }

    private static Map<String, Object> registeredClaims(String audience, String subject, Instant issuedAt,
                                                        Instant notBefore, Instant expiresAt, String id) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(JWTClaimNames.ISSUER, TokenFormat.ISSUER);
        payload.put(JWTClaimNames.AUDIENCE, audience);
        payload.put(JWTClaimNames.SUBJECT, subject);
        payload.put(JWTClaimNames.ISSUED_AT, issuedAt.getEpochSecond());
        payload.put(JWTClaimNames.NOT_BEFORE, notBefore.getEpochSecond());
        payload.put(JWTClaimNames.EXPIRATION_TIME, expiresAt.getEpochSecond());
        payload.put(JWTClaimNames.JWT_ID, id);
        return payload;
    }

    private static void putIfPresent(Map<String, Object> payload, String name, String value) {
        if (value != null) {
            payload.put(name, value);
        }
    }

    private String sign(Map<String, Object> payload) {
        String signingInput = encodedHeader + '.' + Base64URL.encode(JSONObjectUtils.toJSONString(payload));
        Base64URL signature = Base64URL.encode(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        String token = signingInput + '.' + signature;
        if (token.length() > TokenFormat.MAX_TOKEN_LENGTH) {
            // Refuse here rather than hand out a token every verifier would refuse.
            throw new IllegalArgumentException("token would be " + token.length() + " characters, more than the "
                    + TokenFormat.MAX_TOKEN_LENGTH + " verifiers accept; shorten metadata or name");
        }
        return token;
    }
}
