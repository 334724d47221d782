package io.cpaas.tenant.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpaas.tenant.support.ClosedRoomService;
import io.cpaas.tenant.support.ConsoleLogin;
import io.cpaas.tenant.support.ConsoleOidcClient;
import io.cpaas.tenant.support.Fixtures;
import io.cpaas.tenant.support.Fixtures.TenantFixture;
import io.cpaas.tenant.support.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Broken object level authorization in the console: every route of the console's JAX-RS resources,
 * page and form post, requested by a signed-in user who may not (another tenant's admin or viewer,
 * a viewer writing, a tenant user on the platform pages). Each answers 404 (another tenant's pages
 * do not exist for them) or 403 (a role that may see but not act), and the data is read back
 * unchanged through the API afterwards.
 *
 * <p>room-service is not running here: the console points at a closed port, so a page that called
 * room-service would answer 503. A 404 or 403 therefore shows the refusal came before any call to
 * room-service; room-service's own console API keeps tenants apart as well
 * ({@code ConsoleTenantResourceTests} in room-service).
 */
@QuarkusTest
@QuarkusTestResource(ConsoleOidcClient.class)
@QuarkusTestResource(value = ClosedRoomService.class, restrictToAnnotatedClass = true)
class ConsoleIsolationTests {

    private static final String ATTACKER_URL = "https://attacker.example/hook";
    private static final String INTRUDER = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String STOLEN_TENANT = Fixtures.uniqueName("Made by a tenant user");

    /** The routes of one tenant's pages; the placeholders are filled with that tenant's objects. */
    private static final List<Route> TENANT_ROUTES = List.of(
            Route.get("/console/tenants/{tenantId}/keys"),
            Route.post("/console/tenants/{tenantId}/keys", Map.of("name", "stolen", "scope", "keys:manage")),
            Route.post("/console/tenants/{tenantId}/keys/{keyId}/revoke", Map.of()),
            Route.get("/console/tenants/{tenantId}/team"),
            Route.post("/console/tenants/{tenantId}/team", Map.of("username", INTRUDER, "role", "tenant-admin")),
            Route.post("/console/tenants/{tenantId}/team/{userId}/remove", Map.of()),
            Route.get("/console/tenants/{tenantId}/webhooks"),
            Route.post("/console/tenants/{tenantId}/webhooks/url", Map.of("url", ATTACKER_URL)),
            Route.post("/console/tenants/{tenantId}/webhooks/rotate", Map.of()),
            Route.post("/console/tenants/{tenantId}/webhooks/test", Map.of()),
            Route.get("/console/tenants/{tenantId}/webhooks/deliveries/{id}"),
            Route.get("/console/tenants/{tenantId}/usage"),
            Route.get("/console/tenants/{tenantId}/usage.csv"),
            Route.get("/console/tenants/{tenantId}/rooms"),
            Route.get("/console/tenants/{tenantId}/rooms/{room}"));

    /** The platform admin's routes, with what a tenant user gets: 403, or 404 when it names a tenant the user cannot see. */
    private static final List<Route> PLATFORM_ROUTES = List.of(
            Route.get("/console/admin/tenants"),
            Route.post("/console/admin/tenants", Map.of("name", STOLEN_TENANT, "maxRooms", "1")),
            Route.post("/console/admin/tenants/{tenantId}", Map.of("status", "disabled", "maxRooms", "1",
                    "requestsPerSecondPerKey", "1")),
            Route.get("/console/admin/workers"),
            Route.post("/console/admin/workers/{workerId}/drain", Map.of()));

    /** Pages that show no tenant's data: the home redirect and the pages shown outside a session. */
    private static final List<Route> NOT_TENANT_OWNED = List.of(
            Route.get("/console"), Route.get("/console/signed-out"), Route.get("/console/session-expired"));

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void everyRouteOfTheConsolesResourcesIsInTheMatrix() {
        Set<String> listed = Stream.of(TENANT_ROUTES, PLATFORM_ROUTES, NOT_TENANT_OWNED).flatMap(List::stream)
                .map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declaredConsoleRoutes(), listed, "a console route was added or changed: put it in this test's matrix");
    }

    @Test
    void anotherTenantsAdminAndViewerGet404OnEveryRouteOfTenantBAndBIsUnchanged() {
        TenantFixture a = Fixtures.tenant("Isolation A");
        TenantFixture b = Fixtures.tenant("Isolation B");
        given().header("Authorization", b.adminToken()).contentType(ContentType.JSON).body(Map.of("url", "https://b.example/hooks"))
                .put("/v1/tenants/" + b.id() + "/webhook").then().statusCode(200);
        String before = state(b);
        JsonPath bTenant = given().header("Authorization", Fixtures.platformAdmin()).get("/v1/tenants/" + b.id()).then().extract().jsonPath();
        String bSecret = given().header("Authorization", b.adminToken()).get("/v1/tenants/" + b.id() + "/webhook").then().extract()
                .path("signingSecret");
        List<String> bSecrets = List.of(bTenant.getString("name"), b.key().id(), b.key().secret(), bSecret, "https://b.example/hooks",
                b.adminUser(), b.viewerUser());
        Map<String, String> bObjects = objectsOf(b);

        int requests = 0;
        for (String user : List.of(a.adminUser(), a.viewerUser())) {
            ConsoleLogin console = ConsoleLogin.signIn(base(), user, a.password());
            String ownPage = "/console/tenants/" + a.id() + "/keys";
            for (Route route : TENANT_ROUTES) {
                HttpResponse<String> answer = route.send(console, bObjects, ownPage);
                requests++;
                assertEquals(404, answer.statusCode(), user + ": " + route.fill(bObjects) + " answered " + answer.statusCode());
                assertEquals(route.fill(bObjects), answer.uri().getPath(), "answered where asked, not redirected");
                for (String secret : bSecrets) {
                    assertFalse(answer.body().contains(secret), user + ": " + route + " shows " + secret);
                }
            }
            // Tenant B's key and console user named through tenant A's own pages are not found either.
            Map<String, String> bObjectsUnderA = new HashMap<>(bObjects);
            bObjectsUnderA.put("tenantId", a.id());
            for (Route route : List.of(TENANT_ROUTES.get(2), TENANT_ROUTES.get(5))) {
                int status = route.send(console, bObjectsUnderA, ownPage).statusCode();
                requests++;
                assertEquals(user.equals(a.adminUser()) ? 404 : 403, status, user + ": " + route.fill(bObjectsUnderA));
            }
        }
        assertEquals(2 * (TENANT_ROUTES.size() + 2), requests);

        assertEquals(before, state(b), "tenant B's keys, webhook settings, tenant record and team are unchanged");
        assertNull(Keycloak.user(INTRUDER), "nobody was invited into B");
        // The same pages of A's own tenant reach room-service (503 here: it is not running): the 404s above came first.
        ConsoleLogin adminOfA = ConsoleLogin.signIn(base(), a.adminUser(), a.password());
        for (String page : List.of("/usage", "/usage.csv", "/rooms", "/rooms/any", "/webhooks", "/webhooks/deliveries/wd_x")) {
            assertEquals(503, adminOfA.get("/console/tenants/" + a.id() + page).statusCode(), page);
        }
    }

    @Test
    void aViewerIsRefusedEveryWriteOfItsOwnTenantAndNothingChanges() {
        TenantFixture tenant = Fixtures.tenant("Isolation viewer");
        given().header("Authorization", tenant.adminToken()).contentType(ContentType.JSON).body(Map.of("url", "https://own.example/hooks"))
                .put("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200);
        String before = state(tenant);
        Map<String, String> own = objectsOf(tenant);
        ConsoleLogin viewer = ConsoleLogin.signIn(base(), tenant.viewerUser(), tenant.password());
        String ownPage = "/console/tenants/" + tenant.id() + "/keys";
        List<Route> writes = TENANT_ROUTES.stream().filter(Route::isPost).toList();
        assertEquals(7, writes.size());
        for (Route route : writes) {
            HttpResponse<String> answer = route.send(viewer, own, ownPage);
            assertEquals(403, answer.statusCode(), route.fill(own) + " answered " + answer.statusCode());
        }
        assertEquals(before, state(tenant), "keys, webhook settings, tenant record and team are unchanged");
        assertNull(Keycloak.user(INTRUDER));
    }

    @Test
    void tenantUsersReachNoPlatformRoute() {
        TenantFixture a = Fixtures.tenant("Isolation not platform");
        TenantFixture b = Fixtures.tenant("Isolation not platform B");
        String beforeA = state(a);
        String beforeB = state(b);
        int requests = 0;
        for (String user : List.of(a.adminUser(), a.viewerUser())) {
            ConsoleLogin console = ConsoleLogin.signIn(base(), user, a.password());
            String ownPage = "/console/tenants/" + a.id() + "/keys";
            for (String target : List.of(a.id(), b.id())) {
                Map<String, String> objects = Map.of("tenantId", target, "workerId", "w-" + UUID.randomUUID().toString().substring(0, 8));
                for (Route route : PLATFORM_ROUTES) {
                    HttpResponse<String> answer = route.send(console, objects, ownPage);
                    requests++;
                    // Changing a tenant first looks it up: one the user cannot see does not exist for them.
                    int expected = route.template().equals("/console/admin/tenants/{tenantId}") && target.equals(b.id()) ? 404 : 403;
                    assertEquals(expected, answer.statusCode(), user + ": " + route.method() + " " + route.fill(objects));
                    assertFalse(answer.body().contains(b.key().id()));
                }
            }
        }
        assertEquals(2 * 2 * PLATFORM_ROUTES.size(), requests);
        assertEquals(beforeA, state(a), "limits and status of the user's own tenant are unchanged");
        assertEquals(beforeB, state(b));
        assertFalse(tenantNames().contains(STOLEN_TENANT), "no tenant was created");
    }

    /** Every route the console's JAX-RS resources declare, as "METHOD /path". */
    private static Set<String> declaredConsoleRoutes() {
        Set<String> routes = new TreeSet<>();
        for (Class<?> resource : consoleResources()) {
            String prefix = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST" : null;
                if (verb == null) {
                    assertFalse(Stream.of(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(
                            jakarta.ws.rs.HttpMethod.class)), "a method other than GET and POST: add it here: " + method);
                    continue;
                }
                jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
                routes.add(verb + " " + prefix + (path == null ? "" : path.value()));
            }
        }
        return routes;
    }

    private static List<Class<?>> consoleResources() {
        String pkg = "io.cpaas.tenant.console.rest";
        Path classes = Path.of("target", "classes", pkg.replace('.', '/'));
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                Class<?> type = Class.forName(pkg + "." + file.getFileName().toString().replace(".class", ""));
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(resources.size() >= 7, "found the console's resources: " + resources);
        return resources;
    }

    /** The ids that fill a tenant's route templates. */
    private static Map<String, String> objectsOf(TenantFixture tenant) {
        String adminUserId = Keycloak.user(tenant.adminUser()).path("id").asText();
        return Map.of("tenantId", tenant.id(), "keyId", tenant.key().id(), "userId", adminUserId, "id", "wd_unknown",
                "room", "lobby");
    }

    /**
     * The tenant as the API and Keycloak show it: its record (name, status, limits), webhook URL and
     * secret, its keys (without last use, which callers move) and its console users with their roles.
     */
    private static String state(TenantFixture tenant) {
        String admin = Fixtures.platformAdmin();
        String record = given().header("Authorization", admin).get("/v1/tenants/" + tenant.id()).then().statusCode(200).extract().asString();
        String webhook = given().header("Authorization", admin).get("/v1/tenants/" + tenant.id() + "/webhook").then().statusCode(200)
                .extract().asString();
        List<Map<String, Object>> keys = given().header("Authorization", admin).get("/v1/tenants/" + tenant.id() + "/api-keys")
                .then().statusCode(200).extract().jsonPath().getList("items");
        List<String> keyRows = keys.stream().map(key -> key.get("id") + " " + key.get("name") + " " + key.get("status") + " "
                + key.get("scopes") + " " + key.get("expiresAt") + " " + key.get("revokedAt")).sorted().toList();
        List<String> team = new ArrayList<>();
        for (String username : List.of(tenant.adminUser(), tenant.viewerUser())) {
            var user = Keycloak.user(username);
            assertNotNull(user, username + " is still there");
            team.add(username + " " + user.path("enabled") + " " + user.path("attributes").path("tenant") + " "
                    + user.path("realmRoles").findValuesAsText("name").stream().sorted().toList());
        }
        return String.join("\n", record, webhook, keyRows.toString(), team.toString());
    }

    private static Set<String> tenantNames() {
        Set<String> names = new TreeSet<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", Fixtures.platformAdmin()).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return names;
    }

    /** A console route: GET, or a form POST with the fields a browser would send. */
    private record Route(String method, String template, Map<String, String> form) {

        static Route get(String template) {
            return new Route("GET", template, Map.of());
        }

        static Route post(String template, Map<String, String> form) {
            return new Route("POST", template, form);
        }

        boolean isPost() {
            return method.equals("POST");
        }

        String fill(Map<String, String> objects) {
            String path = template;
            for (Map.Entry<String, String> object : objects.entrySet()) {
                path = path.replace("{" + object.getKey() + "}", object.getValue());
            }
            assertFalse(path.contains("{"), "no value for a placeholder of " + template);
            return path;
        }

        /** Sends it; a form post carries a CSRF token that {@code ownPage}, a page the user may open, has just given. */
        HttpResponse<String> send(ConsoleLogin console, Map<String, String> objects, String ownPage) {
            if (!isPost()) {
                return console.get(fill(objects));
            }
            assertEquals(200, console.get(ownPage).statusCode());
            return console.post(fill(objects), form);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }
}
