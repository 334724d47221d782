package io.cpaas.api.token;

import static com.nimbusds.jwt.JWTClaimNames.AUDIENCE;
import static com.nimbusds.jwt.JWTClaimNames.EXPIRATION_TIME;
import static com.nimbusds.jwt.JWTClaimNames.ISSUED_AT;
import static com.nimbusds.jwt.JWTClaimNames.ISSUER;
import static com.nimbusds.jwt.JWTClaimNames.JWT_ID;
import static com.nimbusds.jwt.JWTClaimNames.NOT_BEFORE;
import static com.nimbusds.jwt.JWTClaimNames.SUBJECT;
import static io.cpaas.api.token.InvalidTokenException.Reason.BAD_SIGNATURE;
import static io.cpaas.api.token.InvalidTokenException.Reason.EXPIRED;
import static io.cpaas.api.token.InvalidTokenException.Reason.MALFORMED;
import static io.cpaas.api.token.InvalidTokenException.Reason.NOT_YET_VALID;
import static io.cpaas.api.token.InvalidTokenException.Reason.UNKNOWN_KEY;
import static io.cpaas.api.token.InvalidTokenException.Reason.UNSUPPORTED_ALGORITHM;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_AUDIENCE;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_ISSUER;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_ROOM;
import static io.cpaas.api.token.InvalidTokenException.Reason.WRONG_TENANT;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks room tokens (room-service, on join) and join tickets (workers, offline against JWKS). The
 * algorithm is pinned to ES256 before any key is looked up, keys come only from the resolver (never from
 * the token's own header), and the audience keeps the two kinds of token, and tickets for different
 * workers, from standing in for each other. Thread-safe.
 */
public final class RoomTokenVerifier {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final int MAX_TOKEN_LENGTH = TokenFormat.MAX_TOKEN_LENGTH;

    private final PublicKeyResolver keys;
    private final Clock clock;
    private final Duration allowedClockSkew;

    public RoomTokenVerifier(PublicKeyResolver keys, Clock clock) {
        this(keys, clock, DEFAULT_CLOCK_SKEW);
    }

    public RoomTokenVerifier(PublicKeyResolver keys, Clock clock, Duration allowedClockSkew) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (allowedClockSkew.isNegative() || allowedClockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("allowedClockSkew must be between 0 and 5 minutes");
        }
        this.allowedClockSkew = allowedClockSkew;
    }

    public RoomTokenClaims verifyRoomToken(String token) {
        JwtPayload jwt = verifiedClaims(token, TokenFormat.ROOM_AUDIENCE);
        return build(() -> new RoomTokenClaims(jwt.text(TokenFormat.TENANT), jwt.text(TokenFormat.ROOM),
                jwt.text(SUBJECT), jwt.text(TokenFormat.NAME), jwt.text(TokenFormat.METADATA), grants(jwt),
                jwt.time(ISSUED_AT), jwt.time(NOT_BEFORE), jwt.time(EXPIRATION_TIME), jwt.text(JWT_ID)));
    }

    /** A room token that must also be for this tenant and room (the join request names both). */
    public RoomTokenClaims verifyRoomToken(String token, String expectedTenant, String expectedRoom) {
        RoomTokenClaims claims = verifyRoomToken(token);
        if (!claims.tenantId().equals(expectedTenant)) {
            throw new InvalidTokenException(WRONG_TENANT, "token belongs to another tenant");
        }
        if (!claims.room().equals(expectedRoom)) {
            throw new InvalidTokenException(WRONG_ROOM, "token is for another room");
        }
        return claims;
    }

    /** A join ticket minted for {@code workerId}, the worker calling this. */
    public JoinTicketClaims verifyJoinTicket(String token, String workerId) {
        TokenFormat.requireText(workerId, "workerId");
        JwtPayload jwt = verifiedClaims(token, TokenFormat.workerAudience(workerId));
        return build(() -> new JoinTicketClaims(jwt.text(TokenFormat.TENANT), jwt.text(TokenFormat.ROOM),
                jwt.text(SUBJECT), workerId, jwt.text(TokenFormat.PARTICIPANT_SID), grants(jwt),
                jwt.text(TokenFormat.NAME), jwt.text(TokenFormat.METADATA), jwt.time(ISSUED_AT),
                jwt.time(EXPIRATION_TIME), jwt.text(JWT_ID)));
    }

    /** The claims of a token whose form, algorithm, signature, issuer, audience and validity window hold. */
    private JwtPayload verifiedClaims(String token, String expectedAudience) {
        String[] parts = compactParts(token);
        JWSHeader header = es256Header(parts[0]);
        ECPublicKey key = keyFor(header.getKeyID());
        requireSignature(key, parts);
        JwtPayload jwt = JwtPayload.decode(parts[1]);

        jwt.require(ISSUER, AUDIENCE, EXPIRATION_TIME, NOT_BEFORE);
        if (!TokenFormat.ISSUER.equals(jwt.text(ISSUER))) {
            throw new InvalidTokenException(WRONG_ISSUER, "token was not issued by cpaas");
        }
        // Exactly one audience: a token addressed to several would be valid in several places.
        if (!List.of(expectedAudience).equals(jwt.audience())) {
            throw new InvalidTokenException(WRONG_AUDIENCE, expectedAudience.equals(TokenFormat.ROOM_AUDIENCE)
                    ? "token is not a room token" : "token is not a join ticket for this worker; join again");
        }
        Instant now = clock.instant();
        if (!now.isBefore(jwt.time(EXPIRATION_TIME).plus(allowedClockSkew))) {
            throw new InvalidTokenException(EXPIRED, "token has expired; get a new one");
        }
        if (now.isBefore(jwt.time(NOT_BEFORE).minus(allowedClockSkew))) {
            throw new InvalidTokenException(NOT_YET_VALID, "token is not valid yet; check the issuer's clock");
        }
        jwt.require(SUBJECT, ISSUED_AT, JWT_ID, TokenFormat.TENANT, TokenFormat.ROOM, TokenFormat.GRANTS);
        return jwt;
    }

    private static String[] compactParts(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException(MALFORMED, "token is missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException(MALFORMED, "token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new InvalidTokenException(MALFORMED, "token is not a compact JWS (header.payload.signature)");
        }
        for (int i = 0; i < token.length(); i++) {
            if (!isBase64UrlOrDot(token.charAt(i))) {
                throw new InvalidTokenException(MALFORMED, "token is not base64url without padding");
            }
        }
        return new String[] {token.substring(0, firstDot), token.substring(firstDot + 1, secondDot),
                token.substring(secondDot + 1)};
    }

    private static boolean isBase64UrlOrDot(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
    }

    private static JWSHeader es256Header(String encodedHeader) {
        Header header;
        try {
            header = Header.parse(new Base64URL(encodedHeader));
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException(MALFORMED, "token header is not a JOSE header");
        }
        // Pinned before anything else: "none", HMAC (whose key an attacker could take from JWKS) and RSA never get a key.
        if (!(header instanceof JWSHeader jws) || !JWSAlgorithm.ES256.equals(jws.getAlgorithm())) {
            throw new InvalidTokenException(UNSUPPORTED_ALGORITHM, "token must be signed with ES256");
        }
        if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
            throw new InvalidTokenException(MALFORMED, "token header has critical parameters this service does not support");
        }
        return jws;
    }

    private ECPublicKey keyFor(String kid) {
        if (kid == null || kid.isBlank()) {
            throw new InvalidTokenException(UNKNOWN_KEY, "token header names no signing key (kid)");
        }
        Optional<ECPublicKey> key = keys.resolve(kid);
        if (key.isEmpty()) {
            throw new InvalidTokenException(UNKNOWN_KEY, "token is signed with an unknown key; get a new token");
        }
        return key.get();
    }

    private static void requireSignature(ECPublicKey key, String[] parts) {
        boolean valid;
        try {
            // ES256 signatures are exactly r||s, 64 bytes; anything else (DER, empty, truncated) is refused outright.
            valid = Es256Signature.verify(key, (parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    new Base64URL(parts[2]).decode());
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidTokenException(BAD_SIGNATURE, "token signature is not valid");
        }
    }

    private static RoomGrants grants(JwtPayload jwt) {
        return TokenFormat.grantsFromJson(jwt.object(TokenFormat.GRANTS));
    }

    // The records check what JSON cannot (blank strings, exp after iat); a token breaking them is malformed.
    private static <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException(MALFORMED, "token claims are not consistent");
        }
    }
}
