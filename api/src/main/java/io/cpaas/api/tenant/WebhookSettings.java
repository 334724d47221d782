package io.cpaas.api.tenant;

/** Where a tenant's webhooks go and the secret they are signed with; url is null when none is set. */
public record WebhookSettings(String url, String signingSecret) {

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", signingSecret=***]";
    }
}
