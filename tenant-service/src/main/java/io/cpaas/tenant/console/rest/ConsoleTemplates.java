package io.cpaas.tenant.console.rest;

import io.cpaas.tenant.console.service.RoomData;
import io.cpaas.tenant.console.view.KeyRow;
import io.cpaas.tenant.console.view.Nav;
import io.cpaas.tenant.console.view.TenantRow;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/** The console's pages (src/main/resources/templates/console); Qute escapes every value written into them. */
@CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
final class ConsoleTemplates {

    private ConsoleTemplates() {
    }

    static native TemplateInstance keys(Nav nav, List<KeyRow> keys, List<String> scopes, KeyRow created, String secret,
                                        List<String> errors, String notice);

    static native TemplateInstance usage(Nav nav, RoomData.Usage usage, String from, String to, String granularity,
                                         String chartJson, String csvLink);

    static native TemplateInstance rooms(Nav nav, RoomData.LiveRooms rooms);

    static native TemplateInstance room(Nav nav, RoomData.RoomDetail detail);

    static native TemplateInstance webhooks(Nav nav, String url, String signingSecret, RoomData.Deliveries deliveries,
                                            String state, List<String> errors, String notice);

    static native TemplateInstance delivery(Nav nav, RoomData.Delivery delivery);

    static native TemplateInstance team(Nav nav, List<io.cpaas.tenant.console.view.Member> members,
                                        io.cpaas.tenant.console.service.ConsoleTeam.Invited invited, List<String> errors, String notice);

    static native TemplateInstance tenants(Nav nav, List<TenantRow> tenants, String nextCursor, List<String> errors, String notice);

    static native TemplateInstance workers(Nav nav, RoomData.Workers workers, String notice);

    static native TemplateInstance error(Nav nav, int status, String title, String detail);

    /** A page of its own outside any session: signed out, session expired, sign-in unavailable. */
    static native TemplateInstance notice(String title, String heading, String message, String linkText);
}
