package io.cpaas.tenant.openapi;

/** Marks the paths tenant-service serves in the OpenAPI document. */
public class ServiceOwnershipFilter extends io.cpaas.rest.openapi.ServiceOwnershipFilter {

    public static final String SERVICE = "tenant-service";

    public ServiceOwnershipFilter() {
        super(SERVICE);
    }
}
