package io.cpaas.room.openapi;

/** Marks the paths room-service serves in the OpenAPI document. */
public class ServiceOwnershipFilter extends io.cpaas.rest.openapi.ServiceOwnershipFilter {

    public static final String SERVICE = "room-service";

    public ServiceOwnershipFilter() {
        super(SERVICE);
    }
}
