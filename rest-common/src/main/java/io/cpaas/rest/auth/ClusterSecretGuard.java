package io.cpaas.rest.auth;

import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets only the platform's own parts through to a service's internal API: they present the
 * cluster secret ({@code cpaas.cluster-secret}) in the {@value #HEADER} header.
 */
@ApplicationScoped
public class ClusterSecretGuard {

    public static final String HEADER = "X-Cluster-Secret";

    private final byte[] clusterSecret;

    public ClusterSecretGuard(@ConfigProperty(name = "cpaas.cluster-secret") String clusterSecret) {
        if (clusterSecret.length() < 16) {
            throw new IllegalStateException("cpaas.cluster-secret must be at least 16 characters");
        }
        this.clusterSecret = clusterSecret.getBytes(StandardCharsets.UTF_8);
    }

    public void check(String presented) {
        if (presented == null || !MessageDigest.isEqual(clusterSecret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "The internal API needs the cluster secret");
        }
    }
}
