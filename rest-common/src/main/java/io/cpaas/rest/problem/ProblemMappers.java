package io.cpaas.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cpaas.api.problem.Problem;
import io.cpaas.api.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every exception that can leave a resource to problem+json; nothing else reaches the wire. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ProblemResponses.of(e.problem(), e.retryAfter());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return ProblemResponses.of(Problem.of(ProblemType.VALIDATION_FAILED,
                "One or more fields are invalid; see errors").withErrors(errors));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return ProblemResponses.of(Problem.of(ProblemType.VALIDATION_FAILED, "Unknown field '" + e.getPropertyName() + "'")
                .withErrors(List.of(new Problem.FieldError(e.getPropertyName(), "unknown field"))));
    }

    @ServerExceptionMapper(priority = 2)
    public Response wrongInput(MismatchedInputException e) {
        return wrongShape(e);
    }

    @ServerExceptionMapper(priority = 2)
    public Response wrongShape(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String detail = field.isEmpty() ? "Body does not have the expected shape" : "Field '" + field + "' has the wrong type";
        return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_BODY, detail));
    }

    @ServerExceptionMapper(priority = 3)
    public Response malformedJson(JsonProcessingException e) {
        return ProblemResponses.of(ProblemType.MALFORMED_BODY, "Body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ProblemResponses.of(ProblemType.FORBIDDEN, "This caller may not do this");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemResponses.of(ProblemType.NOT_FOUND, "No such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ProblemResponses.of(ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method");
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ProblemResponses.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return ProblemResponses.of(ProblemType.NOT_ACCEPTABLE, "This resource answers application/json");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return ProblemResponses.of(ProblemType.BODY_TOO_LARGE, "Request bodies are limited to 64 KiB");
        }
        if (status >= 500) {
            LOG.error("request failed", e);
            return ProblemResponses.of(ProblemType.INTERNAL, "The request failed on our side; it changed nothing");
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        return ProblemResponses.of(ProblemType.MALFORMED_BODY, "Request could not be read: " + Response.Status.fromStatusCode(status));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("request failed", e);
        return ProblemResponses.of(ProblemType.INTERNAL, "The request failed on our side; it changed nothing");
    }

    static Response unauthenticatedResponse() {
        return ProblemResponses.of(ProblemType.UNAUTHENTICATED,
                "Send an API key as HTTP Basic keyId:secret, or a Keycloak access token as Bearer");
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "create.body.name" -> "name": the method and parameter names are not the caller's business.
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
