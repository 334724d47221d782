package io.cpaas.api.problem;

import java.util.List;

/**
 * An RFC 9457 problem document: what every service answers with when a request fails.
 * {@code type} is stable per failure a caller can act on; {@code detail} says what to do.
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    /** One invalid field of a request: where it is and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
