package io.cpaas.tenant.webhook.rest;

import io.cpaas.api.tenant.WebhookSettings;

/** A tenant's webhook settings with the signing secret the tenant verifies deliveries with. */
public record WebhookView(String url, String signingSecret) {

    public static WebhookView of(WebhookSettings settings) {
        return new WebhookView(settings.url(), settings.signingSecret());
    }
}
