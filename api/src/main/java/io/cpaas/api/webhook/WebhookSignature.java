package io.cpaas.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a webhook delivery: {@code Cpaas-Signature: t=<unix seconds>,v1=<hex>} where v1 is
 * HMAC-SHA256 keyed with the tenant's webhook secret over {@code "<t>.<body>"}. Signing the timestamp
 * with the body lets a receiver refuse replays of an old delivery; receivers in Java can use
 * {@link #verify} as it is (docs/webhooks.md shows the same in JavaScript).
 */
public final class WebhookSignature {

    public static final String HEADER = "Cpaas-Signature";
    public static final String ID_HEADER = "Cpaas-Webhook-Id";
    public static final String TIMESTAMP_HEADER = "Cpaas-Webhook-Timestamp";
    /** How far a delivery's timestamp may be from the receiver's clock by default. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code at}. */
    public static String sign(String secret, Instant at, byte[] body) {
        long timestamp = at.getEpochSecond();
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Whether the header is a valid signature of the body with this secret, made within
     * {@code tolerance} of {@code now}. Any malformed header is simply not valid.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null || header.length() > 512) {
            return false;
        }
        Long timestamp = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return false;
            }
            try {
                if (pair[0].equals("t")) {
                    timestamp = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        if (timestamp == null || given == null) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
