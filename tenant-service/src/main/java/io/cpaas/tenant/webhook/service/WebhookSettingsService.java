package io.cpaas.tenant.webhook.service;

import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.api.tenant.WebhookSettings;
import io.cpaas.tenant.apikey.service.ApiKeyVerifier;
import io.cpaas.rest.problem.ProblemException;
import io.cpaas.tenant.security.Caller;
import io.cpaas.tenant.security.RandomIdentifiers;
import io.cpaas.tenant.tenant.Tenant;
import io.cpaas.tenant.tenant.persistence.TenantRepository;
import io.cpaas.tenant.tenant.service.TenantService;
import io.cpaas.tenant.webhook.rest.WebhookUpdateRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Where a tenant's webhooks go and the secret they are signed with. */
@ApplicationScoped
public class WebhookSettingsService {

    private final TenantService tenants;
    private final TenantRepository repository;
    private final ApiKeyVerifier keyVerifier;

    public WebhookSettingsService(TenantService tenants, TenantRepository repository, ApiKeyVerifier keyVerifier) {
        this.tenants = tenants;
        this.repository = repository;
        this.keyVerifier = keyVerifier;
    }

    public WebhookSettings get(Caller caller, String tenantId) {
        return manageable(caller, tenantId).webhook();
    }

    @Transactional
    public WebhookSettings update(Caller caller, String tenantId, WebhookUpdateRequest request) {
        Tenant tenant = manageable(caller, tenantId);
        String url = request.url() == null || request.url().isBlank() ? null : checkedUrl(request.url());
        String secret = Boolean.TRUE.equals(request.rotateSecret())
                ? RandomIdentifiers.secret(TenantService.WEBHOOK_SECRET_PREFIX)
                : tenant.webhook().signingSecret();
        WebhookSettings settings = new WebhookSettings(url, secret);
        repository.update(tenant.withWebhook(settings, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        keyVerifier.forgetTenant(tenantId);
        return settings;
    }

    private Tenant manageable(Caller caller, String tenantId) {
        Tenant tenant = tenants.get(caller, tenantId);
        if (!caller.canManage(tenantId)) {
            throw caller.isApiKey()
                    ? new ProblemException(ProblemType.MISSING_SCOPE, "Webhook settings need the keys:manage scope")
                    : ProblemException.forbidden("Only tenant admins manage webhooks");
        }
        return tenant;
    }

    private static String checkedUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null && uri.getUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException notAUri) {
            // falls through to the problem below
        }
        throw new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "url must be an absolute http(s) URL without credentials")
                .withErrors(List.of(new Problem.FieldError("url", "must be an absolute http(s) URL without credentials"))), null);
    }
}
