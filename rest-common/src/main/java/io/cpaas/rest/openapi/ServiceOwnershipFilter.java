package io.cpaas.rest.openapi;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Marks every path a service serves with {@code x-service: <name>}, so the root openapi.yaml, which
 * holds every service's paths, says which service answers each one, and documents the problem+json
 * answer every operation may give. Each service subclasses it with its name and registers the
 * subclass as {@code mp.openapi.filter}.
 */
public abstract class ServiceOwnershipFilter implements OASFilter {

    public static final String EXTENSION = "x-service";

    private final String service;

    protected ServiceOwnershipFilter(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        pathItem.addExtension(EXTENSION, service);
        return pathItem;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponse("default") == null) {
            operation.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                    .description("A problem (RFC 9457): 400 validation, 401, 403, 404, 409, 413, 429 with Retry-After, 503 with Retry-After")
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem")))));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text));
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; 'type' is stable per failure, e.g. urn:cpaas:problem:validation-failed")
                .properties(Map.of("type", text, "title", text,
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail", text, "instance", text,
                        "errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))));
        openAPI.setComponents(components);
    }
}
