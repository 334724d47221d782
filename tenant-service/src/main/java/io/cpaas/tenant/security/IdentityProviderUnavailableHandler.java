package io.cpaas.tenant.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemMappers;
import io.cpaas.tenant.console.rest.ConsoleNotices;
import io.cpaas.rest.problem.ProblemResponses;
import io.quarkus.oidc.OIDCException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Keycloak down: a request that needs it (a Bearer token to check, a console sign-in) fails in
 * Quarkus OIDC, in the HTTP layer (the console's code flow) or in the REST layer (Bearer tokens,
 * authenticated lazily), which would answer 500. This answers 503 with
 * Retry-After instead: a problem for the API (API keys do not need Keycloak and keep working),
 * a page for the console saying that sign-in is unavailable.
 */
@ApplicationScoped
public class IdentityProviderUnavailableHandler {

    private static final Logger LOG = Logger.getLogger(IdentityProviderUnavailableHandler.class);
    private static final int RETRY_AFTER_SECONDS = 30;

    private final ObjectMapper json;

    public IdentityProviderUnavailableHandler(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    @ServerExceptionMapper
    public Response bearerTokenUncheckable(OIDCException e) {
        if (!identityProviderUnreachable(e)) {
            return new ProblemMappers().unexpected(e);
        }
        LOG.warn("a Bearer token cannot be checked: the identity provider is unreachable, answering 503");
        return ProblemResponses.of(unavailable(), Duration.ofSeconds(RETRY_AFTER_SECONDS));
    }

    void handle(RoutingContext context) {
        if (!identityProviderUnreachable(context.failure()) || context.response().headWritten()) {
            context.next();
            return;
        }
        LOG.warnf("%s %s: the identity provider is unreachable, answering 503", context.request().method(), context.normalizedPath());
        context.response().setStatusCode(503).putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .putHeader("Cache-Control", "no-store");
        if (context.normalizedPath().startsWith("/console")) {
            context.response().putHeader("Content-Type", "text/html; charset=utf-8").end(ConsoleNotices.signInUnavailable());
            return;
        }
        try {
            context.response().putHeader("Content-Type", Problem.MEDIA_TYPE).end(json.writeValueAsString(unavailable()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.response().end();
        }
    }

    private static Problem unavailable() {
        return Problem.of(ProblemType.UNAVAILABLE,
                "The identity provider cannot be reached to check this token; API keys keep working. Retry in a moment.");
    }

    /** An OIDC failure caused by not reaching the provider (refused, timed out, discovery failed). */
    static boolean identityProviderUnreachable(Throwable failure) {
        boolean oidc = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OIDCException) {
                oidc = true;
                if (String.valueOf(cause.getMessage()).contains("not available")) {
                    return true;
                }
            }
            if (oidc && (cause instanceof ConnectException || cause instanceof TimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
