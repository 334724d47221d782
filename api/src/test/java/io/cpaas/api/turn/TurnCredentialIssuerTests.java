package io.cpaas.api.turn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnCredentialIssuerTests {

    private static final String SECRET = "north-star-shared-secret-0001";
    private static final String SECOND_SECRET = "second-shared-secret-0002";
    private static final Instant NOW = Instant.parse("2025-12-31T23:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TurnServerAddresses LOCAL = TurnServerAddresses.withoutTls("127.0.0.1", 3478);

    private static TurnCredentialIssuer issuer(List<String> secrets, Clock clock) {
        return new TurnCredentialIssuer(secrets, LOCAL, clock);
    }

    private static TurnCredentialIssuer issuer() {
        return issuer(List.of(SECRET), CLOCK);
    }

    @Test
    void credentialMatchesAVectorComputedWithOpenssl() {
        // printf '%s' '1767225600:tenant-acme:alice' \
        //   | openssl dgst -sha1 -hmac 'north-star-shared-secret-0001' -binary | base64
        TurnCredentials credentials = issuer().issue("tenant-acme", "alice", Duration.ofHours(1));

        assertEquals("1767225600:tenant-acme:alice", credentials.username());
        assertEquals("0sdpp7qHq5RWRkd/OyeCwQCyBOs=", credentials.credential());
    }

    @Test
    void expiryIsNowPlusTtlInWholeSeconds() {
        Clock midSecond = Clock.fixed(Instant.parse("2026-03-01T12:00:00.750Z"), ZoneOffset.UTC);

        TurnCredentials credentials = issuer(List.of(SECRET), midSecond).issue("t1", "bob", Duration.ofMinutes(10));

        assertEquals(600, credentials.ttl());
        assertEquals(Instant.parse("2026-03-01T12:10:00Z"), credentials.expiresAt());
        assertTrue(credentials.username().startsWith(credentials.expiresAt().getEpochSecond() + ":"));
    }

    @Test
    void ttlDefaultsToOneHour() {
        TurnCredentials byDefault = issuer().issue("t1", "bob");
        TurnCredentials withNull = issuer().issue("t1", "bob", null);

        assertEquals(3600, byDefault.ttl());
        assertEquals(NOW.plusSeconds(3600), byDefault.expiresAt());
        assertEquals(byDefault, withNull);
    }

    @Test
    void ttlOutsideOneMinuteTo24HoursIsRefused() {
        TurnCredentialIssuer issuer = issuer();

        for (Duration ttl : List.of(Duration.ofSeconds(59), Duration.ZERO, Duration.ofSeconds(-3600),
                Duration.ofHours(24).plusSeconds(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> issuer.issue("t1", "bob", ttl), ttl.toString());
            assertTrue(e.getMessage().contains("between 60 and 86400 seconds"), e.getMessage());
        }
        assertEquals(60, issuer.issue("t1", "bob", Duration.ofSeconds(60)).ttl());
        assertEquals(86400, issuer.issue("t1", "bob", Duration.ofHours(24)).ttl());
    }

    @Test
    void separatorInTenantOrIdentityIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> issuer().issue("t1", "alice:admin"));

        assertTrue(e.getMessage().contains("identity") && e.getMessage().contains("':'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> issuer().issue("1767225600:t1", "alice"));
    }

    @Test
    void controlCharactersEmptyAndOverlongFieldsAreRefused() {
        for (String bad : List.of("", "al\nice", "al\u0000ice", "tab\t", "del\u007f", "c1\u0085", "x".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> issuer().issue("t1", bad), bad);
            assertThrows(IllegalArgumentException.class, () -> issuer().issue(bad, "alice"), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> issuer().issue(null, "alice"));
        assertThrows(IllegalArgumentException.class, () -> issuer().issue("t1", null));
        assertDoesNotThrow(() -> issuer().issue("x".repeat(128), "zoë.müller@example.com"));
    }

    @Test
    void charactersCoturnAnswers400ToAreRefused() {
        for (String bad : List.of("zoe muller", "it's", "say\"hi\"", "back\\slash")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> issuer().issue("t1", bad), bad);
            assertTrue(e.getMessage().contains("coturn"), e.getMessage());
        }
    }

    @Test
    void unionAndSelectTogetherAreRefusedLikeCoturnDoes() {
        assertThrows(IllegalArgumentException.class, () -> issuer().issue("t1", "UnionSelect"));
        assertThrows(IllegalArgumentException.class, () -> issuer().issue("union-bank", "SELECT-1"));
        assertDoesNotThrow(() -> issuer().issue("union-bank", "alice"));
        assertDoesNotThrow(() -> issuer().issue("t1", "selector"));
    }

    @Test
    void usernameOverTheStunLimitIsRefused() {
        String wide = "\u4e2d".repeat(128); // 384 bytes in UTF-8

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> issuer().issue(wide, wide));

        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void duringRotationTheFirstSecretSigns() {
        TurnCredentials rotating = issuer(List.of(SECRET, SECOND_SECRET), CLOCK).issue("t1", "bob");

        assertEquals(issuer(List.of(SECRET), CLOCK).issue("t1", "bob").credential(), rotating.credential());
        assertNotEquals(issuer(List.of(SECOND_SECRET), CLOCK).issue("t1", "bob").credential(), rotating.credential());
    }

    @Test
    void secretsMustBeOneOrTwoAndNotWeak() {
        assertThrows(IllegalArgumentException.class, () -> issuer(List.of(), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> issuer(List.of(SECRET, SECOND_SECRET, SECRET + "3"), CLOCK));
        assertThrows(IllegalArgumentException.class, () -> issuer(List.of("short"), CLOCK));
        assertThrows(IllegalArgumentException.class, () -> issuer(List.of(SECRET + " "), CLOCK));
    }

    @Test
    void iceServersAreOneStunEntryAndOneTurnEntryWithCredentials() {
        TurnCredentialIssuer issuer = new TurnCredentialIssuer(List.of(SECRET),
                TurnServerAddresses.withTls("turn.example.com", 3478, 5349), CLOCK);

        TurnCredentials credentials = issuer.issue("t1", "bob");

        assertEquals(2, credentials.iceServers().size());
        IceServer stun = credentials.iceServers().get(0);
        assertEquals(List.of("stun:turn.example.com:3478"), stun.urls());
        assertNull(stun.username());
        assertNull(stun.credential());
        IceServer turn = credentials.iceServers().get(1);
        assertEquals(List.of("turn:turn.example.com:3478?transport=udp", "turn:turn.example.com:3478?transport=tcp",
                "turns:turn.example.com:5349?transport=tcp"), turn.urls());
        assertEquals(credentials.username(), turn.username());
        assertEquals(credentials.credential(), turn.credential());
    }

    @Test
    void urlsWithoutStunGiveOnlyTheTurnEntry() {
        TurnCredentialIssuer issuer = new TurnCredentialIssuer(List.of(SECRET),
                List.of("turns:turn.example.com:443?transport=tcp"), CLOCK);

        assertEquals(1, issuer.issue("t1", "bob").iceServers().size());
    }

    @Test
    void urlsMustBeStunOrTurnAndIncludeTurn() {
        assertThrows(IllegalArgumentException.class,
                () -> new TurnCredentialIssuer(List.of(SECRET), List.of("stun:h:3478"), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> new TurnCredentialIssuer(List.of(SECRET), List.of("http://h:3478"), CLOCK));
        assertThrows(IllegalArgumentException.class,
                () -> new TurnCredentialIssuer(List.of(SECRET), List.of("turn:h:3478 "), CLOCK));
    }

    @Test
    void toStringHidesTheCredential() {
        TurnCredentials credentials = issuer().issue("t1", "bob");

        assertFalse(credentials.toString().contains(credentials.credential()), credentials.toString());
        assertTrue(credentials.toString().contains(credentials.username()));
        assertFalse(credentials.iceServers().get(1).toString().contains(credentials.credential()));
    }
}
