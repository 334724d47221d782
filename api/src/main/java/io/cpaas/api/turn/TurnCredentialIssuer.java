package io.cpaas.api.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues short-lived TURN credentials that coturn checks on its own, with no call back to us: the
 * TURN REST API scheme ({@code use-auth-secret}). The username is {@code <unix expiry>:<tenant>:<identity>}
 * and the credential {@code base64(HMAC-SHA1(secret, username))}; coturn recomputes the HMAC with each
 * of its {@code static-auth-secret}s and refuses usernames whose expiry has passed.
 */
public final class TurnCredentialIssuer {

    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration MIN_TTL = Duration.ofSeconds(60);
    public static final Duration MAX_TTL = Duration.ofHours(24);
    public static final int MAX_FIELD_LENGTH = 128;
    /** The current secret and the one being rotated out (or in); coturn accepts any of its secrets. */
    public static final int MAX_SECRETS = 2;
    public static final int MIN_SECRET_LENGTH = 16;
    /** STUN USERNAME must be shorter than 509 bytes (RFC 8489, section 14.3). */
    static final int MAX_USERNAME_BYTES = 508;

    private static final String HMAC_SHA1 = "HmacSHA1";
    private static final char SEPARATOR = ':';
    /** Besides control characters, what coturn's is_secure_string() refuses in a username (with a 400). */
    private static final String COTURN_REFUSED = " '\"\\";

    private final SecretKeySpec signingKey;
    private final IceServer stunServer;
    private final List<String> turnUrls;
    private final Clock clock;

    /**
     * @param secrets the shared secrets configured in coturn; the first signs, a second one may be listed
     *                while a rotation is under way (coturn then has both, so it does not matter which signs)
     * @param urls    {@code stun:}, {@code turn:} and {@code turns:} URLs; at least one TURN URL
     */
    public TurnCredentialIssuer(List<String> secrets, List<String> urls, Clock clock) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(urls, "urls");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
            throw new IllegalArgumentException("configure 1 or " + MAX_SECRETS
                    + " TURN shared secrets (the first signs), got " + secrets.size());
        }
        secrets.forEach(TurnCredentialIssuer::checkSecret);
        this.signingKey = new SecretKeySpec(secrets.get(0).getBytes(StandardCharsets.UTF_8), HMAC_SHA1);

        List<String> stunUrls = new ArrayList<>();
        List<String> turnUrls = new ArrayList<>();
        for (String url : urls) {
            checkUrl(url);
            (url.startsWith("stun:") ? stunUrls : turnUrls).add(url);
        }
        if (turnUrls.isEmpty()) {
            throw new IllegalArgumentException("no turn: or turns: URL configured; TURN credentials would be useless");
        }
        this.stunServer = stunUrls.isEmpty() ? null : IceServer.stun(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        mac(); // fail at startup, not on the first request, if the JDK lacks HMAC-SHA1
    }

    public TurnCredentialIssuer(List<String> secrets, TurnServerAddresses addresses, Clock clock) {
        this(secrets, Objects.requireNonNull(addresses, "addresses").urls(), clock);
    }

    /** Credentials for the default ttl of one hour. */
    public TurnCredentials issue(String tenantId, String identity) {
        return issue(tenantId, identity, DEFAULT_TTL);
    }

    /**
     * @param ttl how long the credentials stay valid, between one minute and 24 hours; null for one hour
     * @throws IllegalArgumentException when the tenant id or identity cannot go into a TURN username that
     *         coturn accepts (empty, over 128 characters, containing ':', control characters, spaces, quotes
     *         or backslashes, or together both "union" and "select") or the ttl is out of bounds
     */
    public TurnCredentials issue(String tenantId, String identity, Duration ttl) {
        checkField("tenantId", tenantId);
        checkField("identity", identity);
        checkCoturnSqlGuard(tenantId, identity);
        long ttlSeconds = checkTtl(ttl == null ? DEFAULT_TTL : ttl);
        // Whole seconds: coturn compares the expiry against its clock in seconds.
        long expiry = clock.instant().getEpochSecond() + ttlSeconds;
        String username = expiry + String.valueOf(SEPARATOR) + tenantId + SEPARATOR + identity;
        int usernameBytes = username.getBytes(StandardCharsets.UTF_8).length;
        if (usernameBytes > MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("TURN username would be " + usernameBytes
                    + " bytes in UTF-8 but STUN allows at most " + MAX_USERNAME_BYTES
                    + "; use a shorter tenant id or identity");
        }
        String credential = sign(username);
        List<IceServer> iceServers = new ArrayList<>(2);
        if (stunServer != null) {
            iceServers.add(stunServer);
        }
        iceServers.add(new IceServer(turnUrls, username, credential));
        return new TurnCredentials(username, credential, ttlSeconds, Instant.ofEpochSecond(expiry), iceServers);
    }

    private String sign(String username) {
        Mac mac = mac();
        return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    }

    // A Mac per call: Mac is not thread-safe, and creating one costs far less than the HTTP request around it.
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(signingKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable in this JDK", e);
        }
    }

    private static long checkTtl(Duration ttl) {
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("TURN credential ttl must be between " + MIN_TTL.toSeconds()
                    + " and " + MAX_TTL.toSeconds() + " seconds, got " + ttl.toSeconds());
        }
        return ttl.toSeconds();
    }

    // ':' separates the username's fields, and coturn takes the expiry from before the first one. Control
    // characters have no business in a username and would end up in coturn's log lines.
    private static void checkField(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required for TURN credentials");
        }
        if (value.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException(name + " is " + value.length() + " characters long; TURN credentials allow at most "
                    + MAX_FIELD_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == SEPARATOR) {
                throw new IllegalArgumentException(name + " must not contain ':', the TURN username's field separator");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(name + " must not contain control characters (found U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
            if (COTURN_REFUSED.indexOf(c) >= 0) {
                throw new IllegalArgumentException(name + " must not contain spaces, quotes or backslashes: coturn answers"
                        + " 400 Bad Request to TURN usernames with them (found '" + c + "' at index " + i + ")");
            }
        }
    }

    // coturn's is_secure_string() also refuses a username holding both words anywhere, ASCII case-insensitively
    // (a guard for its SQL user databases); refusing here beats a 400 at the client's first ICE attempt.
    private static void checkCoturnSqlGuard(String tenantId, String identity) {
        String lower = asciiLowerCase(tenantId + SEPARATOR + identity);
        if (lower.contains("union") && lower.contains("select")) {
            throw new IllegalArgumentException("tenantId and identity must not together contain both 'union' and 'select':"
                    + " coturn refuses such TURN usernames");
        }
    }

    private static String asciiLowerCase(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] += 'a' - 'A';
            }
        }
        return new String(chars);
    }

    // Whitespace in a secret is almost always an accident (a trailing newline read from a secrets file) that
    // would make every credential fail; a short secret can be brute-forced offline from one credential.
    private static void checkSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("a TURN shared secret must have at least " + MIN_SECRET_LENGTH
                    + " characters (use e.g. 32 random bytes in base64)");
        }
        if (secret.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a TURN shared secret must not contain whitespace or control characters");
        }
    }

    private static void checkUrl(String url) {
        if (url == null || !(url.startsWith("stun:") || url.startsWith("turn:") || url.startsWith("turns:"))) {
            throw new IllegalArgumentException("ICE server URL must start with stun:, turn: or turns:, got '" + url + "'");
        }
        if (url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("ICE server URL must not contain whitespace, got '" + url + "'");
        }
    }
}
