package io.cpaas.api.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    private static final String SECRET = "whsec_test_0123456789";
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"room.started\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theSignatureIsHmacSha256OverTimestampDotBody() {
        // Computed independently of this code:
        // printf '1796119200.{"id":"evt_1","type":"room.started"}' | openssl dgst -sha256 -hmac whsec_test_0123456789
        assertEquals("t=1796119200,v1=73471b9cd610c377efb7f34137fec7c68748a2d2781162afc6889d1c83c28fa3", WebhookSignature.sign(SECRET, AT, BODY));
    }

    @Test
    void aSignatureVerifiesWithTheSameSecretAndBody() {
        String header = WebhookSignature.sign(SECRET, AT, BODY);
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, AT.plusSeconds(10), WebhookSignature.DEFAULT_TOLERANCE));
    }

    @Test
    void anotherSecretATamperedBodyOrAnOldTimestampDoNotVerify() {
        String header = WebhookSignature.sign(SECRET, AT, BODY);
        assertFalse(WebhookSignature.verify("whsec_other", header, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE));
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;
        assertFalse(WebhookSignature.verify(SECRET, header, tampered, AT, WebhookSignature.DEFAULT_TOLERANCE));
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, AT.plus(Duration.ofMinutes(6)), WebhookSignature.DEFAULT_TOLERANCE));
        String shifted = header.replace("t=1796119200", "t=1796119201");
        assertFalse(WebhookSignature.verify(SECRET, shifted, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE));
    }

    @Test
    void malformedHeadersAreSimplyInvalid() {
        for (String header : new String[] {null, "", "garbage", "t=abc,v1=00", "t=1796119200", "v1=zz", "t=1796119200,v1=xyz",
                "t=1796119200,v1", "x".repeat(1000)}) {
            assertFalse(WebhookSignature.verify(SECRET, header, BODY, AT, WebhookSignature.DEFAULT_TOLERANCE), String.valueOf(header));
        }
    }

}
