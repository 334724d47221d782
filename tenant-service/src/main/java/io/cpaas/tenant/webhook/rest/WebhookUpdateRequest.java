package io.cpaas.tenant.webhook.rest;

import jakarta.validation.constraints.Size;

/** Body of PUT /v1/tenants/{id}/webhook: the URL (null removes it) and whether to rotate the secret. */
public record WebhookUpdateRequest(@Size(max = 2048) String url, Boolean rotateSecret) {
}
