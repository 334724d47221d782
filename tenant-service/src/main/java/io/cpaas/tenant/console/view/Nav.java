package io.cpaas.tenant.console.view;

import io.quarkus.qute.TemplateData;

/**
 * What every console page's frame shows: who is signed in, in which role, which tenant is open
 * (null on platform pages) and which page is current.
 */
@TemplateData
public record Nav(String username, String role, boolean platformAdmin, boolean canManage, String tenantId, String tenantName,
                  String page) {

    public boolean is(String name) {
        return name.equals(page);
    }

    /** The open tenant's pages start here. */
    public String tenantBase() {
        return "/console/tenants/" + tenantId;
    }
}
