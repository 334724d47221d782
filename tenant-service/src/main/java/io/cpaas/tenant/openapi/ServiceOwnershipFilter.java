package io.cpaas.tenant.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Marks every path this service serves with {@code x-service: tenant-service}, so the root
 * openapi.yaml, which holds every service's paths, says which service answers each one.
 */
public class ServiceOwnershipFilter implements OASFilter {

    public static final String EXTENSION = "x-service";
    public static final String SERVICE = "tenant-service";

    @Override
    public PathItem filterPathItem(PathItem pathItem) {
        pathItem.addExtension(EXTENSION, SERVICE);
        return pathItem;
    }
}
