package io.cpaas.api.token;

import static io.cpaas.api.token.InvalidTokenException.Reason.MALFORMED;
import static io.cpaas.api.token.InvalidTokenException.Reason.MISSING_CLAIM;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claims of a token whose signature already holds, read with strict types. Written against the raw
 * JSON object rather than a lenient claims class, which would turn {@code "sub": 42} into {@code "42"}
 * or wrap a huge {@code exp} into the past; a claim of the wrong type is refused, not coerced.
 */
final class JwtPayload {

    // 9999-12-31T23:59:59Z: keeps "exp + skew" arithmetic far from overflow.
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final Map<String, Object> claims;

    private JwtPayload(Map<String, Object> claims) {
        this.claims = claims;
    }

    static JwtPayload decode(String encodedPayload) {
        String json = new Base64URL(encodedPayload).decodeToString();
        // The JSON parser reads "[]" as an empty object; only a real object is a claims set.
        if (!json.stripLeading().startsWith("{")) {
            throw malformed("token payload is not a JSON object");
        }
        try {
            Map<String, Object> claims = JSONObjectUtils.parse(json);
            if (claims != null) {
                return new JwtPayload(claims);
            }
        } catch (ParseException | RuntimeException notJson) {
            // fall through: the parser's message may quote the payload
        }
        throw malformed("token payload is not a JSON object");
    }

    void require(String... names) {
        for (String name : names) {
            if (claims.get(name) == null) {
                throw new InvalidTokenException(MISSING_CLAIM, "token lacks the '" + name + "' claim");
            }
        }
    }

    /** A string claim, or null when absent. */
    String text(String name) {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw malformed("token claim '" + name + "' must be a string");
    }

    /** A NumericDate claim in whole seconds, or null when absent. */
    Instant time(String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long seconds && seconds >= 0 && seconds <= MAX_EPOCH_SECOND) {
            return Instant.ofEpochSecond(seconds);
        }
        throw malformed("token claim '" + name + "' must be a whole number of seconds since 1970");
    }

    /** The {@code aud} claim: one string or an array of strings. */
    List<String> audience() {
        Object value = claims.get("aud");
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw malformed("token claim 'aud' must be a string or an array of strings");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object value = claims.get(name);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw malformed("token claim '" + name + "' must be an object");
    }

    private static InvalidTokenException malformed(String message) {
        return new InvalidTokenException(MALFORMED, message);
    }
}
