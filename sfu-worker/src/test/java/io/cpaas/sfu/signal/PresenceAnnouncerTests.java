package io.cpaas.sfu.signal;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.SignalClient;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Who hears of whom, against the real worker with tickets and participant changes from the real
 * room-service: viewers (no publish grant) are announced to those who may publish or administer the
 * room, and not to one another, so a room of n viewers does not send each of them the n - 1 others.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class PresenceAnnouncerTests {

    private static final Map<String, Object> VIEWER = Map.of("publish", false);

    @Test
    void viewersAreAnnouncedToTheHostsAndTheModeratorButNotToOneAnother() {
        Tenants tenant = Tenants.create("Audience");
        String room = "audience";
        try (SignalClient host = SignalClient.joined(tenant, room, Map.of("identity", "host"));
             SignalClient first = SignalClient.joined(tenant, room, Map.of("identity", "first", "grants", VIEWER))) {
            assertEquals("first", host.expect("participantJoined").path("participant").path("identity").asText());
            try (Joined second = join(tenant, room, Map.of("identity", "second", "grants", VIEWER))) {
                assertEquals(Set.of("host"), second.others(), "a viewer is told of the hosts, not of the other viewers");
                assertEquals("second", host.expect("participantJoined").path("participant").path("identity").asText());
                assertFalse(first.receives("participantJoined", Duration.ofMillis(700)), "nor are the other viewers told of it");
                try (Joined moderator = join(tenant, room, Map.of("identity", "moderator", "grants", Map.of("publish", false, "roomAdmin", true)))) {
                    assertEquals(Set.of("host", "first", "second"), moderator.others(), "one who administers the room sees its viewers");
                }
                assertEquals("moderator", host.expect("participantLeft").path("identity").asText());
                second.client().send(Map.of("type", "leave"));
                assertEquals(1000, second.client().closeCode());
            }
            assertEquals("second", host.expect("participantLeft").path("identity").asText());
            assertFalse(first.receives("participantLeft", Duration.ofMillis(700)), "a viewer is not told another one left");
        }
    }

    @Test
    void aViewerAllowedToPublishMeetsTheOtherViewersAndLeavesTheirViewWhenNoLongerAllowed() {
        Tenants tenant = Tenants.create("Promotion");
        String room = "promotion";
        try (SignalClient host = SignalClient.joined(tenant, room, Map.of("identity", "host"));
             SignalClient guest = SignalClient.joined(tenant, room, Map.of("identity", "guest", "grants", VIEWER));
             SignalClient viewer = SignalClient.joined(tenant, room, Map.of("identity", "viewer", "grants", VIEWER))) {
            permit(tenant, room, "guest", true);
            assertEquals("guest", viewer.expect("participantJoined").path("participant").path("identity").asText(),
                    "the other viewers meet the one now allowed to publish");
            assertEquals("viewer", guest.expect("participantJoined").path("participant").path("identity").asText(),
                    "and it meets them");
            assertEquals("guest", host.expect("participantUpdated").path("participant").path("identity").asText());
            permit(tenant, room, "guest", false);
            assertEquals("guest", viewer.expect("participantLeft").path("identity").asText(), "no longer allowed: out of the viewers' view");
            assertEquals("viewer", guest.expect("participantLeft").path("identity").asText(), "and they out of its");
            assertEquals("guest", host.expect("participantUpdated").path("participant").path("identity").asText());
        }
    }

    /** A client and the 'joined' frame it got. */
    private record Joined(SignalClient client, JsonNode frame) implements AutoCloseable {

        /** Whom the frame listed as already in the room. */
        Set<String> others() {
            Set<String> identities = new TreeSet<>();
            frame.path("participants").forEach(p -> identities.add(p.path("identity").asText()));
            return identities;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static Joined join(Tenants tenant, String room, Map<String, Object> tokenBody) {
        var join = tenant.join(tenant.token(room, tokenBody));
        SignalClient client = SignalClient.connect(join.getString("signalUrl"));
        client.send(Map.of("type", "join", "ticket", join.getString("ticket"), "protocol", 1));
        return new Joined(client, client.expect("joined"));
    }

    /**
     * Changes the participant's publish permission through room-service, which asks the worker; tries for 10 s,
     * since room-service learns of a participant from the worker's events a moment after it joined.
     */
    private static void permit(Tenants tenant, String room, String identity, boolean publish) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = given().baseUri(ControlPlane.roomUrl()).port(-1).header("Authorization", tenant.key()).contentType(ContentType.JSON)
                    .body(Map.of("permissions", Map.of("publish", publish)))
                    .patch("/v1/rooms/" + room + "/participants/" + identity).statusCode();
        } while (status == 404 && System.nanoTime() < until && pause());
        assertEquals(200, status, "PATCH of " + identity);
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
