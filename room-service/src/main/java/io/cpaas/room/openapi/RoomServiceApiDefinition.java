package io.cpaas.room.openapi;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** How callers authenticate, as the OpenAPI document states it. */
@OpenAPIDefinition(
        info = @Info(title = "cpaas", version = "0.1.0"),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "keycloak")})
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "basic",
                description = "Tenant API key as HTTP Basic keyId:secret (also accepted as Bearer keyId:secret)"),
        @SecurityScheme(securitySchemeName = "keycloak", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT", description = "Keycloak access token of realm cpaas (console users, platform admins)"),
        @SecurityScheme(securitySchemeName = "roomToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT", description = "Room token minted by POST /v1/rooms/{room}/tokens (ES256)")})
public class RoomServiceApiDefinition extends Application {
}
