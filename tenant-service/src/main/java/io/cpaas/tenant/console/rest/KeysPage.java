package io.cpaas.tenant.console.rest;

import io.cpaas.api.auth.Scope;
import io.cpaas.api.page.Page;
import io.cpaas.rest.PageRequest;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.apikey.ApiKey;
import io.cpaas.tenant.apikey.rest.ApiKeyCreateRequest;
import io.cpaas.tenant.apikey.service.ApiKeyService;
import io.cpaas.tenant.apikey.service.IssuedApiKey;
import io.cpaas.tenant.console.view.KeyRow;
import io.cpaas.tenant.console.view.Nav;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** API keys of a tenant: list, create (the secret shown this once), revoke. Only tenant admins change them. */
@Path("/console/tenants/{tenantId}/keys")
@Produces(MediaType.TEXT_HTML)
public class KeysPage {

    static final List<String> SCOPES = Arrays.stream(Scope.values()).map(Scope::wireName).toList();

    private final ApiKeyService keys;
    private final ConsoleSession session;
    private final ConsoleErrors errors;
    private final Validator validator;

    public KeysPage(ApiKeyService keys, ConsoleSession session, ConsoleErrors errors, Validator validator) {
        this.keys = keys;
        this.session = session;
        this.errors = errors;
        this.validator = validator;
    }

    @GET
    public Response list(@PathParam("tenantId") String tenantId, @QueryParam("revoked") String revoked) {
        Nav nav = session.tenantNav(tenantId, "keys");
        return page(nav, null, null, List.of(), revoked == null ? null : "Key " + revoked + " was revoked.", 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("tenantId") String tenantId, @RestForm String name, @RestForm List<String> scope,
                           @RestForm String expiresOn) {
        Nav nav = session.tenantNav(tenantId, "keys");
        List<String> problems = new ArrayList<>();
        Instant expiresAt = null;
        if (expiresOn != null && !expiresOn.isBlank()) {
            try {
                // The key works through the whole day chosen (UTC).
                expiresAt = LocalDate.parse(expiresOn.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                problems.add("Expires: must be a date such as 2027-01-31");
            }
        }
        ApiKeyCreateRequest request = new ApiKeyCreateRequest(name == null ? null : name.strip(), scope == null ? List.of() : scope,
                expiresAt);
        for (ConstraintViolation<ApiKeyCreateRequest> violation : validator.validate(request)) {
            problems.add(label(violation.getPropertyPath().toString()) + ": " + violation.getMessage());
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.naturalOrder());
            return page(nav, null, null, problems, null, 400);
        }
        IssuedApiKey issued;
        try {
            issued = keys.create(session.caller(), tenantId, request);
        } catch (ProblemException refused) {
            if (refused.problem().status() != 400) {
                throw refused;
            }
            return page(nav, null, null, List.of(refused.problem().detail()), null, 400);
        }
        return page(nav, KeyRow.of(issued.key(), keys.now()), issued.secret(), List.of(), null, 201);
    }

    @POST
    @Path("/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        keys.revoke(session.caller(), tenantId, keyId);
        return Response.seeOther(URI.create("/console/tenants/" + tenantId + "/keys?revoked=" + keyId)).build();
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return errors.page(e);
    }

    private Response page(Nav nav, KeyRow created, String secret, List<String> problems, String notice, int status) {
        Page<ApiKey> page = keys.list(session.caller(), nav.tenantId(), PageRequest.of(null, 100));
        Instant now = keys.now();
        List<KeyRow> rows = page.items().stream().map(key -> KeyRow.of(key, now)).toList();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store")
                .entity(ConsoleTemplates.keys(nav, rows, SCOPES, created, secret, problems, notice).render()).build();
    }

    private static String label(String property) {
        return switch (property.replaceAll("\\[.*", "")) {
            case "name" -> "Name";
            case "scopes" -> "Scopes";
            default -> property;
        };
    }
}
