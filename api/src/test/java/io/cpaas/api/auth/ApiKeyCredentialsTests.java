package io.cpaas.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiKeyCredentialsTests {

    private static final String KEY_ID = "ak_abcdefghijklmnopqrst";
    private static final String SECRET = "sk_" + "A".repeat(40) + "b-_";

    @Test
    void basicHeaderRoundTrips() {
        ApiKeyCredentials credentials = new ApiKeyCredentials(KEY_ID, SECRET);
        assertEquals(credentials, ApiKeyCredentials.fromAuthorizationHeader(credentials.toBasicHeader()).orElseThrow());
    }

    @Test
    void bearerCarriesTheSamePair() {
        assertEquals(KEY_ID, ApiKeyCredentials.fromAuthorizationHeader("Bearer " + KEY_ID + ":" + SECRET).orElseThrow().keyId());
        assertTrue(ApiKeyCredentials.claims("bearer " + KEY_ID + ":x"));
    }

    @Test
    void jwtBearerIsNotClaimed() {
        assertFalse(ApiKeyCredentials.claims("Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig"));
        assertFalse(ApiKeyCredentials.claims(null));
    }

    @Test
    void malformedHeadersGiveNothing() {
        String[] headers = {"Basic !!!notbase64", "Basic " + b64("no-colon"), "Basic " + b64(KEY_ID + ":short"),
                "Basic " + b64("ak_UPPERCASEISWRONG000:" + SECRET), "Digest abc", "Bearer " + KEY_ID,
                "Basic " + b64(KEY_ID + ":" + SECRET + "x"), "Basic " + "A".repeat(600), ""};
        for (String header : headers) {
            assertTrue(ApiKeyCredentials.fromAuthorizationHeader(header).isEmpty(), header);
        }
    }

    @Test
    void toStringHidesTheSecret() {
        assertFalse(new ApiKeyCredentials(KEY_ID, SECRET).toString().contains(SECRET));
    }

    @Test
    void constructorRefusesGarbage() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKeyCredentials("x", SECRET));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
