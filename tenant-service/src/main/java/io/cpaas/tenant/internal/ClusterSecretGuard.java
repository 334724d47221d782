package io.cpaas.tenant.internal;

import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.config.TenantServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets only the platform's own services through to the internal API: they present the cluster secret. */
@ApplicationScoped
public class ClusterSecretGuard {

    public static final String HEADER = "X-Cluster-Secret";

    private final byte[] clusterSecret;

    public ClusterSecretGuard(TenantServiceConfig config) {
        this.clusterSecret = config.clusterSecret().getBytes(StandardCharsets.UTF_8);
    }

    public void check(String presented) {
        if (presented == null || !MessageDigest.isEqual(clusterSecret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "The internal API needs the cluster secret");
        }
    }
}
