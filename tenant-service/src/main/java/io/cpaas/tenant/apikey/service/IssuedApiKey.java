package io.cpaas.tenant.apikey.service;

import io.cpaas.tenant.apikey.ApiKey;

/** A key just created, with the one and only copy of its secret. */
public record IssuedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key.id() + ", secret=***]";
    }
}
