package io.cpaas.rest;

import io.cpaas.api.page.Cursor;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.cpaas.rest.problem.ProblemException;
import java.util.List;

/** The {@code cursor} and {@code limit} query parameters of a list, checked. */
public record PageRequest(String afterKey, int limit) {

    public static PageRequest of(String cursor, Integer limit) {
        int size = limit == null ? Cursor.DEFAULT_LIMIT : limit;
        if (size < 1 || size > Cursor.MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + Cursor.MAX_LIMIT);
        }
        if (cursor == null || cursor.isEmpty()) {
            return new PageRequest(null, size);
        }
        String key = Cursor.decode(cursor).orElseThrow(() -> invalid("cursor", "is not a cursor this API returned"));
        return new PageRequest(key, size);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION_FAILED, "Query parameter '" + field + "' " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))), null);
    }
}
