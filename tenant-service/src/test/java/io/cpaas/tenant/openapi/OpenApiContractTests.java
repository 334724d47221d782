package io.cpaas.tenant.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The root openapi.yaml is the public contract; this test fails when what tenant-service serves
 * differs from it. Run with -Dopenapi.write=true to write the served document into the root file.
 */
@QuarkusTest
class OpenApiContractTests {

    private static final Path ROOT_DOCUMENT = Path.of("..", "openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Test
    void servedDocumentEqualsTheRootOpenApiYaml() throws IOException {
        JsonNode served = new ObjectMapper().readTree(given().when().get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString());
        ObjectNode root = (ObjectNode) YAML.readTree(ROOT_DOCUMENT.toFile());
        if (Boolean.getBoolean("openapi.write")) {
            merge(root, served);
            Files.writeString(ROOT_DOCUMENT, YAML.writeValueAsString(root));
        }
        assertEquals("3.1.0", served.path("openapi").asText());
        Map<String, JsonNode> ours = ownedPaths(root);
        Map<String, JsonNode> servedPaths = fields(served.path("paths"));
        assertEquals(new TreeMap<>(servedPaths).keySet(), new TreeMap<>(ours).keySet(),
                "paths of tenant-service in openapi.yaml; run the tests with -Dopenapi.write=true to update it");
        for (Map.Entry<String, JsonNode> path : servedPaths.entrySet()) {
            assertEquals(path.getValue(), ours.get(path.getKey()), "openapi.yaml differs for " + path.getKey());
        }
        for (Map.Entry<String, JsonNode> schema : fields(served.path("components").path("schemas")).entrySet()) {
            assertEquals(schema.getValue(), root.path("components").path("schemas").path(schema.getKey()),
                    "openapi.yaml differs for schema " + schema.getKey());
        }
        for (Map.Entry<String, JsonNode> scheme : fields(served.path("components").path("securitySchemes")).entrySet()) {
            assertEquals(scheme.getValue(), root.path("components").path("securitySchemes").path(scheme.getKey()));
        }
        assertTrue(ours.keySet().stream().noneMatch(p -> p.startsWith("/internal")), "internal API stays out of the contract");
    }

    private static Map<String, JsonNode> ownedPaths(JsonNode root) {
        Map<String, JsonNode> owned = new TreeMap<>();
        fields(root.path("paths")).forEach((path, item) -> {
            if (ServiceOwnershipFilter.SERVICE.equals(item.path(ServiceOwnershipFilter.EXTENSION).asText())) {
                owned.put(path, item);
            }
        });
        return owned;
    }

    private static void merge(ObjectNode root, JsonNode served) {
        ObjectNode paths = root.with("paths");
        ownedPaths(root).keySet().forEach(paths::remove);
        fields(served.path("paths")).forEach(paths::set);
        ObjectNode components = root.with("components");
        fields(served.path("components").path("schemas")).forEach(components.with("schemas")::set);
        fields(served.path("components").path("securitySchemes")).forEach(components.with("securitySchemes")::set);
        ObjectNode sortedPaths = new ObjectMapper().createObjectNode();
        new TreeMap<>(fields(paths)).forEach(sortedPaths::set);
        root.set("paths", sortedPaths);
        ObjectNode sortedSchemas = new ObjectMapper().createObjectNode();
        new TreeMap<>(fields(components.with("schemas"))).forEach(sortedSchemas::set);
        components.set("schemas", sortedSchemas);
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }
}
