package io.cpaas.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant API key as presented on a request: {@code keyId:secret}, either as HTTP Basic
 * credentials or as a Bearer token. Parsing is strict so that garbage never reaches a lookup.
 */
public record ApiKeyCredentials(String keyId, String secret) {

    public static final String KEY_ID_PREFIX = "ak_";
    public static final String SECRET_PREFIX = "sk_";

    private static final Pattern KEY_ID = Pattern.compile("ak_[a-z2-7]{20}");
    private static final Pattern SECRET = Pattern.compile("sk_[A-Za-z0-9_-]{43}");
    private static final int MAX_HEADER_LENGTH = 512;

    public ApiKeyCredentials {
        if (!isKeyId(keyId) || secret == null || !SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("not an API key");
        }
    }

    public static boolean isKeyId(String value) {
        return value != null && KEY_ID.matcher(value).matches();
    }

    /** True when the header uses a scheme that carries API keys (Basic, or Bearer with a key id). */
    public static boolean claims(String authorizationHeader) {
        if (authorizationHeader == null) {
            return false;
        }
        return startsWithScheme(authorizationHeader, "Basic ")
                || (startsWithScheme(authorizationHeader, "Bearer ")
                && authorizationHeader.substring(7).strip().startsWith(KEY_ID_PREFIX));
    }

    /** The credentials in an Authorization header, or empty when it is absent or malformed. */
    public static Optional<ApiKeyCredentials> fromAuthorizationHeader(String header) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        String pair;
        if (startsWithScheme(header, "Basic ")) {
            try {
                pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        } else if (startsWithScheme(header, "Bearer ")) {
            pair = header.substring(7).strip();
        } else {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String keyId = pair.substring(0, colon);
        String secret = pair.substring(colon + 1);
        if (!isKeyId(keyId) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyCredentials(keyId, secret));
    }

    public String toBasicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((keyId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "ApiKeyCredentials[keyId=" + keyId + ", secret=***]";
    }

    private static boolean startsWithScheme(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
