package io.cpaas.tenant.security;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key taken from the Authorization header, waiting to be checked by {@link ApiKeyIdentityProvider}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final ApiKeyCredentials credentials;

    public ApiKeyAuthenticationRequest(ApiKeyCredentials credentials) {
        this.credentials = credentials;
    }

    public ApiKeyCredentials credentials() {
        return credentials;
    }
}
