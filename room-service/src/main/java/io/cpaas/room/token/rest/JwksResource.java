package io.cpaas.room.token.rest;

import io.cpaas.room.token.service.SigningKeyStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify room tokens and join tickets, for workers and anyone else. */
@Path("/.well-known/jwks.json")
@Tag(name = "Room tokens")
public class JwksResource {

    private final SigningKeyStore keys;

    public JwksResource(SigningKeyStore keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/jwk-set+json")
    @Operation(summary = "JSON Web Key Set of the ES256 keys that sign room tokens and join tickets")
    public Response jwks() {
        return Response.ok(keys.publicKeys().toJwksJson()).header("Cache-Control", "max-age=60").build();
    }
}
