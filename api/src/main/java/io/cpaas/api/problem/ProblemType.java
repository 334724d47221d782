package io.cpaas.api.problem;

/**
 * The failures a caller can act on, each with a stable type URI. Add new ones; never rename one.
 */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", "Request is not valid", 400),
    MALFORMED_BODY("malformed-body", "Request body is not valid JSON for this endpoint", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    MISSING_SCOPE("missing-scope", "API key lacks a required scope", 403),
    TENANT_DISABLED("tenant-disabled", "Tenant is disabled", 403),
    LIMIT_REACHED("limit-reached", "A limit of the room or the tenant was reached", 403),
    INVALID_TOKEN("invalid-token", "Token refused", 401),
    TOKEN_REVOKED("token-revoked", "Token revoked", 401),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflicts with the current state", 409),
    BODY_TOO_LARGE("body-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    UNAVAILABLE("unavailable", "Service unavailable", 503);

    private static final String PREFIX = "urn:cpaas:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
