package io.cpaas.sfu.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cpaas.sfu.room.Participant;
import io.cpaas.sfu.room.RoomRegistry;
import io.cpaas.sfu.sdk.SdkCallTests;
import io.cpaas.sfu.support.ControlPlane;
import io.cpaas.sfu.support.Tenants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The media path of one SDK participant dies while its signaling socket stays up (the worker
 * closes that participant's peer connections, as when it dropped them gone silent): the SDK
 * notices the failed connection, joins again and gets its media back. Lives in the media package
 * to reach the participant's peer connections.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlane.class)
class SdkMediaLossTests {

    @Inject
    RoomRegistry rooms;

    @Test
    void aParticipantWhosePeerConnectionsDieJoinsAgainAndGetsItsMediaBack() throws Exception {
        Tenants tenant = Tenants.create("SDK media loss");
        String room = "sdk-media-loss";
        List<String> tokens = List.of(tenant.token(room, "user0"), tenant.token(room, "user1"));
        JsonNode result = SdkCallTests.interactive("mediaLoss", tokens, (command, body) -> {
            Participant participant = rooms.find(tenant.id(), room).orElseThrow()
                    .byIdentity(body.path("identity").asText()).orElseThrow();
            ParticipantMedia media = participant.media();
            media.publishConnection().close();
            media.subscribeConnection().close();
        });
        assertTrue(result.path("ok").asBoolean(), result.toString());
    }
}
