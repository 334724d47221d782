package io.cpaas.tenant.introspection.rest;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.KeyIntrospection;
import io.cpaas.api.tenant.KeyIntrospectionRequest;
import io.cpaas.tenant.apikey.service.ApiKeyVerifier;
import io.cpaas.tenant.config.TenantServiceConfig;
import io.cpaas.rest.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Internal: other services ask who an API key belongs to. Guarded by the cluster secret, hidden
 * from the public contract. Callers cache answers for at most a few seconds (revocation bound).
 */
@Path("/internal/v1/api-keys/introspect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyIntrospectionResource {

    public static final String CLUSTER_SECRET_HEADER = "X-Cluster-Secret";

    private final ApiKeyVerifier verifier;
    private final byte[] clusterSecret;

    public KeyIntrospectionResource(ApiKeyVerifier verifier, TenantServiceConfig config) {
        this.verifier = verifier;
        this.clusterSecret = config.clusterSecret().getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Operation(hidden = true)
    public KeyIntrospection introspect(@HeaderParam(CLUSTER_SECRET_HEADER) String presentedSecret,
                                       KeyIntrospectionRequest body) {
        if (presentedSecret == null
                || !MessageDigest.isEqual(clusterSecret, presentedSecret.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "The internal API needs the cluster secret");
        }
        if (body == null || !ApiKeyCredentials.isKeyId(body.keyId()) || body.secret() == null) {
            return KeyIntrospection.inactive();
        }
        try {
            return verifier.verify(new ApiKeyCredentials(body.keyId(), body.secret()));
        } catch (IllegalArgumentException malformed) {
            return KeyIntrospection.inactive();
        }
    }
}
