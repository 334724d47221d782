package io.cpaas.room.token.rest;

import io.cpaas.room.token.service.SigningKeyStore;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Internal (cluster secret): operators rotate the room-token signing key. The new key signs at
 * once; the old public key stays in the JWKS until every token it signed has expired.
 */
@Path("/internal/v1/signing-keys/rotate")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyInternalResource {

    private final SigningKeyStore keys;

    public SigningKeyInternalResource(SigningKeyStore keys) {
        this.keys = keys;
    }

    @POST
    @Operation(hidden = true)
    public Rotated rotate() {
        return new Rotated(keys.rotate());
    }

    /** The kid that signs from now on. */
    public record Rotated(String kid) {
    }
}
