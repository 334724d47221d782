package io.cpaas.sfu.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.api.token.JoinTicketClaims;
import io.cpaas.api.token.RoomGrants;
import io.cpaas.api.token.RoomTokenSigner;
import io.cpaas.api.token.SigningKey;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.SignalClient;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signaling protocol against the real worker, with tickets from the real room-service. */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class SignalingEndpointTests {

    @Test
    void joiningAnnouncesParticipantsBothWaysAndLeavingAnnouncesTheDeparture() {
        Tenants tenant = Tenants.create("Signal");
        try (SignalClient alice = SignalClient.joined(tenant, "room-a", Map.of("identity", "alice", "name", "Alice"))) {
            JsonNode joined;
            try (SignalClient bob = SignalClient.connect(tenant.join(tenant.token("room-a", "bob")).getString("signalUrl"))) {
                var join = tenant.join(tenant.token("room-a", "bob"));
                bob.send(Map.of("type", "join", "ticket", join.getString("ticket"), "protocol", 1));
                joined = bob.expect("joined");
                assertEquals("bob", joined.path("participant").path("identity").asText());
                assertEquals("alice", joined.path("participants").get(0).path("identity").asText());
                assertEquals("Alice", joined.path("participants").get(0).path("name").asText());
                assertEquals("bob", alice.expect("participantJoined").path("participant").path("identity").asText());
                bob.send(Map.of("type", "leave"));
                assertEquals(1000, bob.closeCode());
            }
            assertEquals("bob", alice.expect("participantLeft").path("identity").asText());
        }
    }

    @Test
    void forgedOrForeignTicketsAreRefusedAndTheSocketClosed() {
        RoomTokenSigner foreign = new RoomTokenSigner(SigningKey.generate());
        String forged = foreign.sign(new JoinTicketClaims("tn_x", "r", "mallory", ControlPlane.WORKER_ID, null,
                RoomGrants.standard(), null, null, Instant.now(), Instant.now().plusSeconds(30), "t1"));
        for (String ticket : List.of(forged, "garbage", "a.b.c")) {
            try (SignalClient client = SignalClient.connect(ControlPlane.signalUrl())) {
                client.send(Map.of("type", "join", "ticket", ticket));
                assertEquals("invalid-ticket", client.expect("error").path("code").asText());
                assertEquals(4003, client.closeCode());
            }
        }
        Tenants tenant = Tenants.create("RoomToken");
        try (SignalClient client = SignalClient.connect(ControlPlane.signalUrl())) {
            client.send(Map.of("type", "join", "ticket", tenant.token("r", "eve"))); // a room token is not a ticket
            assertEquals("invalid-ticket", client.expect("error").path("code").asText());
        }
    }

    @Test
    void garbageAndOutOfOrderMessagesGetErrorsAndTheConnectionSurvives() {
        Tenants tenant = Tenants.create("Garbage");
        try (SignalClient client = SignalClient.connect(ControlPlane.signalUrl())) {
            client.sendRaw("not json");
            assertEquals("bad-message", client.expect("error").path("code").asText());
            client.send(Map.of("type", "publish", "sdp", "v=0"));
            assertEquals("not-joined", client.expect("error").path("code").asText());
            client.sendRaw("[1,2,3]");
            assertEquals("bad-message", client.expect("error").path("code").asText());
            client.send(Map.of("type", "ping", "ts", 42));
            assertEquals(42, client.expect("pong").path("ts").asInt());
            var join = tenant.join(tenant.token("g", "gina"));
            client.send(Map.of("type", "join", "ticket", join.getString("ticket")));
            client.expect("joined");
            client.send(Map.of("type", "join", "ticket", join.getString("ticket")));
            assertEquals("already-joined", client.expect("error").path("code").asText());
            client.send(Map.of("type", "teleport"));
            assertEquals("bad-message", client.expect("error").path("code").asText());
            client.send(Map.of("type", "mute", "trackSid", "TR_nope", "muted", true));
            assertEquals("unknown-track", client.expect("error").path("code").asText());
            client.send(Map.of("type", "data", "payload", "x".repeat(20_000)));
            assertEquals("bad-message", client.expect("error").path("code").asText());
            client.send(Map.of("type", "videoQuality", "trackSid", "TR_nope", "quality", "ultra"));
            assertEquals("bad-message", client.expect("error").path("code").asText());
            client.send(Map.of("type", "videoQuality", "trackSid", "TR_nope", "quality", "low"));
            assertEquals("unknown-track", client.expect("error").path("code").asText());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aConnectionThatNeverJoinsIsClosedAfterTheDeadline() {
        try (SignalClient idle = SignalClient.connect(ControlPlane.signalUrl())) {
            long started = System.nanoTime();
            int code = idle.closeCodeWithin(java.time.Duration.ofSeconds(15));
            assertEquals(4004, code);
            assertTrue(System.nanoTime() - started >= 9_000_000_000L, "not before the 10 s deadline");
        }
    }

    @Test
    void oversizedFramesCloseOnlyTheirOwnConnection() {
        Tenants tenant = Tenants.create("Huge");
        try (SignalClient bystander = SignalClient.joined(tenant, "h", Map.of("identity", "bystander"));
             SignalClient attacker = SignalClient.joined(tenant, "h", Map.of("identity", "attacker"))) {
            attacker.sendRaw("{\"type\":\"data\",\"payload\":\"" + "x".repeat(300_000) + "\"}");
            assertTrue(attacker.closeCode() != 1000);
            bystander.send(Map.of("type", "ping"));
            bystander.expect("pong");
        }
    }

    @Test
    void dataGoesToTheRoomOrToNamedIdentitiesOnly() {
        Tenants tenant = Tenants.create("Data");
        try (SignalClient a = SignalClient.joined(tenant, "d", Map.of("identity", "a"));
             SignalClient b = SignalClient.joined(tenant, "d", Map.of("identity", "b"));
             SignalClient c = SignalClient.joined(tenant, "d", Map.of("identity", "c"))) {
            a.send(Map.of("type", "data", "payload", "hello all", "topic", "chat"));
            JsonNode atB = b.expect("data");
            assertEquals("a", atB.path("from").asText());
            assertEquals("hello all", atB.path("payload").asText());
            assertEquals("chat", atB.path("topic").asText());
            assertEquals("hello all", c.expect("data").path("payload").asText());
            a.send(Map.of("type", "data", "payload", "just c", "to", List.of("c")));
            assertEquals("just c", c.expect("data").path("payload").asText());
            assertFalse(b.receives("data", Duration.ofMillis(500)), "b was not addressed");
        }
    }

    @Test
    void peerSignalsReachOnlyTheirTargetWithTheSendersSidAndBadOnesAreRefused() {
        Tenants tenant = Tenants.create("PeerSignal");
        try (SignalClient a = SignalClient.joined(tenant, "p", Map.of("identity", "a"));
             SignalClient b = SignalClient.joined(tenant, "p", Map.of("identity", "b"))) {
            String bSid = a.expect("participantJoined").path("participant").path("sid").asText();
            try (SignalClient c = SignalClient.joined(tenant, "p", Map.of("identity", "c"))) {
                String cSid = a.expect("participantJoined").path("participant").path("sid").asText();
                Map<String, Object> signal = Map.of("description", Map.of("type", "offer", "sdp", "v=0"));
                a.send(Map.of("type", "peerSignal", "to", bSid, "signal", signal));
                JsonNode atB = b.expect("peerSignal");
                assertEquals("offer", atB.path("signal").path("description").path("type").asText());
                b.send(Map.of("type", "peerSignal", "to", cSid, "signal", Map.of("candidate", "x")));
                String aSid = c.expect("peerSignal").path("from").asText();
                assertFalse(aSid.isEmpty());
                assertFalse(c.receives("peerSignal", Duration.ofMillis(300)), "c got only what was sent to it");
                assertFalse(a.receives("peerSignal", Duration.ofMillis(300)), "nothing is echoed");

                a.send(Map.of("type", "peerSignal", "to", "pa_nobody", "signal", signal));
                assertEquals("unknown-participant", a.expect("error").path("code").asText());
                b.send(Map.of("type", "peerSignal", "to", bSid, "signal", signal));
                assertEquals("unknown-participant", b.expect("error").path("code").asText(), "not to itself");
                a.send(Map.of("type", "peerSignal", "to", bSid, "signal", "not an object"));
                assertEquals("bad-message", a.expect("error").path("code").asText());
                a.send(Map.of("type", "peerSignal", "to", bSid, "signal", Map.of("sdp", "x".repeat(140_000))));
                assertEquals("bad-message", a.expect("error").path("code").asText());
                assertFalse(b.receives("peerSignal", Duration.ofMillis(300)), "refused signals change nothing");
            }
        }
        try (SignalClient other = SignalClient.joined(tenant, "elsewhere", Map.of("identity", "o"));
             SignalClient d = SignalClient.joined(tenant, "p2", Map.of("identity", "d"));
             SignalClient e = SignalClient.joined(tenant, "p2", Map.of("identity", "e"))) {
            String eSid = d.expect("participantJoined").path("participant").path("sid").asText();
            other.send(Map.of("type", "peerSignal", "to", eSid, "signal", Map.of()));
            assertEquals("unknown-participant", other.expect("error").path("code").asText(), "never into another room");
        }
    }

    @Test
    void aDataFloodIsRateLimitedForTheSenderOnly() {
        Tenants tenant = Tenants.create("DataFlood");
        try (SignalClient sender = SignalClient.joined(tenant, "f", Map.of("identity", "sender"));
             SignalClient receiver = SignalClient.joined(tenant, "f", Map.of("identity", "receiver"))) {
            for (int i = 0; i < 300; i++) {
                sender.send(Map.of("type", "data", "payload", "m" + i));
            }
            assertEquals("rate-limited", sender.expect("error").path("code").asText());
            receiver.expect("data");
            receiver.send(Map.of("type", "ping"));
            receiver.expect("pong");
        }
    }

    @Test
    void grantsAreEnforcedAndHiddenParticipantsStayHidden() {
        Tenants tenant = Tenants.create("Grants");
        try (SignalClient viewer = SignalClient.joined(tenant, "g", Map.of("identity", "viewer",
                "grants", Map.of("publish", false, "publishData", false)))) {
            viewer.send(Map.of("type", "publish", "sdp", "v=0", "tracks", List.of()));
            assertEquals("not-allowed", viewer.expect("error").path("code").asText());
            viewer.send(Map.of("type", "data", "payload", "hi"));
            assertEquals("not-allowed", viewer.expect("error").path("code").asText());
            try (SignalClient ghost = SignalClient.joined(tenant, "g", Map.of("identity", "ghost", "grants", Map.of("hidden", true)))) {
                assertFalse(viewer.receives("participantJoined", Duration.ofMillis(700)), "hidden participants are not announced");
            }
            assertFalse(viewer.receives("participantLeft", Duration.ofMillis(500)));
        }
    }

    @Test
    void aNewerConnectionOfTheSameIdentityReplacesTheOlder() {
        Tenants tenant = Tenants.create("Replace");
        try (SignalClient first = SignalClient.joined(tenant, "r", Map.of("identity", "sam"));
             SignalClient second = SignalClient.joined(tenant, "r", Map.of("identity", "sam"))) {
            // The worker replaces the older session (4001) unless room-service's eviction of it, sent with the
            // worker's next heartbeat, gets there first (4002): either way the older client must not come back.
            int code = first.closeCode();
            assertTrue(code == 4001 || code == 4002, "closed with " + code);
            second.send(Map.of("type", "ping"));
            second.expect("pong");
        }
    }

    @Test
    void aTicketAdmitsOneConnectionOnly() {
        Tenants tenant = Tenants.create("Replay");
        var join = tenant.join(tenant.token("once", "sam"));
        try (SignalClient first = SignalClient.connect(join.getString("signalUrl"));
             SignalClient replay = SignalClient.connect(join.getString("signalUrl"))) {
            first.send(Map.of("type", "join", "ticket", join.getString("ticket"), "protocol", 1));
            first.expect("joined");
            replay.send(Map.of("type", "join", "ticket", join.getString("ticket"), "protocol", 1));
            assertEquals("invalid-ticket", replay.expect("error").path("code").asText());
            assertEquals(4003, replay.closeCode());
            first.send(Map.of("type", "ping"));
            first.expect("pong");
        }
    }

    @Test
    void aJoinedConnectionThatSendsNothingFor30SecondsIsClosedAndLeavesItsRoom() {
        Tenants tenant = Tenants.create("Silent");
        try (SignalClient quiet = SignalClient.joined(tenant, "hush", Map.of("identity", "quiet"));
             SignalClient chatty = SignalClient.joined(tenant, "hush", Map.of("identity", "chatty"))) {
            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) { // chatty pings every 8 s, quiet sends nothing
                try {
                    Thread.sleep(8_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                chatty.send(Map.of("type", "ping"));
            }
            assertEquals(4006, quiet.closeCodeWithin(java.time.Duration.ofSeconds(15)));
            assertTrue(System.nanoTime() - started >= 29_000_000_000L, "not before the 30 s of silence");
            assertEquals("quiet", chatty.expect("participantLeft").path("identity").asText());
            chatty.send(Map.of("type", "ping"));
            chatty.expect("pong");
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndTheOthersGoOn() throws Exception {
        Tenants tenant = Tenants.create("Stalled");
        String payload = "x".repeat(16 * 1024);
        try (SignalClient stalled = SignalClient.joined(tenant, "flood", Map.of("identity", "stalled"));
             SignalClient bystander = SignalClient.joined(tenant, "flood", Map.of("identity", "bystander"))) {
            stalled.pauseReading();
            java.util.List<SignalClient> senders = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    senders.add(SignalClient.joined(tenant, "flood", Map.of("identity", "sender-" + i)));
                }
                // 4 senders at 40 messages/s each (under the per-sender limit) of 16 KiB to the stalled client,
                // for at most 40 s: far more than socket buffers plus 256 queued frames hold.
                for (int round = 0; round < 1_600 && stalled.isOpen(); round++) {
                    senders.get(round % 4).send(Map.of("type", "data", "payload", payload, "to", java.util.List.of("stalled")));
                    Thread.sleep(6);
                    if (round % 200 == 0) {
                        bystander.send(Map.of("type", "ping"));
                        bystander.expect("pong");
                    }
                }
                stalled.resumeReading();
                assertEquals(4007, stalled.closeCodeWithin(java.time.Duration.ofSeconds(30)));
                for (SignalClient sender : senders) {
                    assertTrue(sender.isOpen(), "the senders were not disconnected");
                }
                bystander.send(Map.of("type", "ping"));
                bystander.expect("pong");
            } finally {
                senders.forEach(SignalClient::close);
            }
        }
    }
}
