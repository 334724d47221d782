package io.cpaas.tenant.console.view;

import io.quarkus.qute.TemplateData;

/** A console user of a tenant as the team page lists it. */
@TemplateData
public record Member(String id, String username, String email, String role, boolean enabled, boolean mustChangePassword,
                     boolean you) {
}
