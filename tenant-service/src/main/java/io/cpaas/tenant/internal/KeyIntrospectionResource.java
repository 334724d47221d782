package io.cpaas.tenant.internal;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.api.tenant.KeyIntrospectionRequest;
import io.cpaas.tenant.apikey.service.ApiKeyVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Internal: other services ask who an API key belongs to. Guarded by the cluster secret, hidden
 * from the public contract. Callers cache answers for at most a few seconds (revocation bound).
 */
@Path("/internal/v1/api-keys/introspect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyIntrospectionResource {

    private final ApiKeyVerifier verifier;

    public KeyIntrospectionResource(ApiKeyVerifier verifier) {
        this.verifier = verifier;
    }

    @POST
    @Operation(hidden = true)
    public KeyIntrospection introspect(KeyIntrospectionRequest body) {
        if (body == null || !ApiKeyCredentials.isKeyId(body.keyId()) || body.secret() == null) {
            return KeyIntrospection.inactive();
        }
        return ApiKeyCredentials.fromAuthorizationHeader("Bearer " + body.keyId() + ":" + body.secret())
                .map(verifier::verify)
                .orElse(KeyIntrospection.inactive());
    }
}
