package io.cpaas.rest.auth;

import io.cpaas.api.auth.ApiKeyCredentials;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key taken from the Authorization header, waiting to be checked by the service's identity provider. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final ApiKeyCredentials credentials;

    public ApiKeyAuthenticationRequest(ApiKeyCredentials credentials) {
        this.credentials = credentials;
    }

    public ApiKeyCredentials credentials() {
        return credentials;
    }
}
