package io.cpaas.api.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinTicketClaimsTests {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final RoomTokenClaims ROOM_TOKEN = new RoomTokenClaims("t_1", "standup", "alice", "Alice", "{}",
            new RoomGrants(true, true, false, Set.of(TrackSource.MICROPHONE), false, true),
            NOW.minusSeconds(600), NOW.minusSeconds(600), NOW.plusSeconds(3000), "jti-1");

    @Test
    void admitCarriesTheParticipantFromTheRoomTokenToOneWorker() {
        JoinTicketClaims ticket = JoinTicketClaims.admit(ROOM_TOKEN, "worker-a", "PA_1", NOW, Duration.ofSeconds(30));
        assertEquals(new JoinTicketClaims("t_1", "standup", "alice", "worker-a", "PA_1", ROOM_TOKEN.grants(), "Alice", "{}",
                NOW, NOW.plusSeconds(30), ticket.ticketId()), ticket);
        assertNotEquals(ROOM_TOKEN.tokenId(), ticket.ticketId());
    }

    @Test
    void everyTicketGetsItsOwnId() {
        assertNotEquals(JoinTicketClaims.admit(ROOM_TOKEN, "w", null, NOW, Duration.ofSeconds(30)).ticketId(),
                JoinTicketClaims.admit(ROOM_TOKEN, "w", null, NOW, Duration.ofSeconds(30)).ticketId());
    }

    @Test
    void workerMustBeNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> JoinTicketClaims.admit(ROOM_TOKEN, " ", null, NOW, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class,
                () -> JoinTicketClaims.admit(ROOM_TOKEN, null, null, NOW, Duration.ofSeconds(30)));
    }

    @Test
    void expiryMustComeAfterIssue() {
        assertThrows(IllegalArgumentException.class,
                () -> JoinTicketClaims.admit(ROOM_TOKEN, "w", null, NOW, Duration.ZERO));
    }

    @Test
    void timesAreTruncatedToWholeSeconds() {
        JoinTicketClaims ticket = JoinTicketClaims.admit(ROOM_TOKEN, "w", null, NOW.plusMillis(700), Duration.ofSeconds(30));
        assertEquals(NOW, ticket.issuedAt());
        assertEquals(NOW.plusSeconds(30), ticket.expiresAt());
    }
}
