package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoomTokenClaimsTests {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void timesAreTruncatedToWholeSecondsLikeJwtTimes() {
        RoomTokenClaims claims = new RoomTokenClaims("t_1", "r", "alice", null, null, RoomGrants.standard(),
                NOW.plusMillis(999), NOW.plusMillis(1), NOW.plusSeconds(60).plusNanos(5), "j");
        assertEquals(NOW, claims.issuedAt());
        assertEquals(NOW, claims.notBefore());
        assertEquals(NOW.plusSeconds(60), claims.expiresAt());
    }

    @Test
    void issueStartsNowAndLastsTheTtlWithARandomId() {
        RoomTokenClaims first = RoomTokenClaims.issue("t_1", "r", "alice", "Alice", "m", RoomGrants.standard(), NOW,
                Duration.ofHours(1));
        assertEquals(NOW, first.issuedAt());
        assertEquals(NOW, first.notBefore());
        assertEquals(NOW.plusSeconds(3600), first.expiresAt());
        RoomTokenClaims second = RoomTokenClaims.issue("t_1", "r", "alice", "Alice", "m", RoomGrants.standard(), NOW,
                Duration.ofHours(1));
        assertNotEquals(first.tokenId(), second.tokenId());
    }

    @Test
    void expiryMustComeAfterIssueAndNotBefore() {
        assertThrows(IllegalArgumentException.class, () -> new RoomTokenClaims("t_1", "r", "alice", null, null,
                RoomGrants.standard(), NOW, NOW, NOW, "j"));
        assertThrows(IllegalArgumentException.class, () -> new RoomTokenClaims("t_1", "r", "alice", null, null,
                RoomGrants.standard(), NOW, NOW.plusSeconds(120), NOW.plusSeconds(60), "j"));
        assertThrows(IllegalArgumentException.class, () -> RoomTokenClaims.issue("t_1", "r", "alice", null, null,
                RoomGrants.standard(), NOW, Duration.ofSeconds(-1)));
    }

    @Test
    void tenantRoomIdentityAndIdMustNotBeBlank() {
        assertThrows(IllegalArgumentException.class, () -> claims(" ", "r", "alice", "j"));
        assertThrows(IllegalArgumentException.class, () -> claims("t_1", "", "alice", "j"));
        assertThrows(IllegalArgumentException.class, () -> claims("t_1", "r", null, "j"));
        assertThrows(IllegalArgumentException.class, () -> claims("t_1", "r", "alice", ""));
        assertThrows(NullPointerException.class, () -> new RoomTokenClaims("t_1", "r", "alice", null, null, null,
                NOW, NOW, NOW.plusSeconds(1), "j"));
    }

    private static RoomTokenClaims claims(String tenant, String room, String identity, String tokenId) {
        return new RoomTokenClaims(tenant, room, identity, null, null, RoomGrants.standard(), NOW, NOW,
                NOW.plusSeconds(60), tokenId);
    }
}
