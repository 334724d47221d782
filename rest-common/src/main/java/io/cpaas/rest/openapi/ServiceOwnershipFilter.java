package io.cpaas.rest.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Marks every path a service serves with {@code x-service: <name>}, so the root openapi.yaml, which
 * holds every service's paths, says which service answers each one. Each service subclasses it
 * with its name and registers the subclass as {@code mp.openapi.filter}.
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
}
