package io.cpaas.rest.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares what one service serves at /q/openapi with its part of the root openapi.yaml (the
 * paths marked {@code x-service: <service>} and the schemas it uses), and can write the served part
 * into the root file. Used by each service's contract test.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private OpenApiContract() {
    }

    /** Every difference between the served document and the root file, empty when they agree. */
    public static List<String> differences(String servedJson, Path rootDocument, String service) throws IOException {
        JsonNode served = JSON.readTree(servedJson);
        JsonNode root = YAML.readTree(rootDocument.toFile());
        List<String> differences = new ArrayList<>();
        Map<String, JsonNode> ours = ownedPaths(root, service);
        Map<String, JsonNode> servedPaths = fields(served.path("paths"));
        if (!ours.keySet().equals(servedPaths.keySet())) {
            differences.add("paths of " + service + ": openapi.yaml has " + ours.keySet() + ", served " + servedPaths.keySet());
        }
        servedPaths.forEach((path, item) -> {
            if (ours.containsKey(path) && !item.equals(ours.get(path))) {
                differences.add("path " + path + " differs");
            }
        });
        for (String section : List.of("schemas", "securitySchemes")) {
            fields(served.path("components").path(section)).forEach((name, value) -> {
                if (!value.equals(root.path("components").path(section).path(name))) {
                    differences.add(section + " " + name + " differs");
                }
            });
        }
        return differences;
    }

    /** Replaces the service's part of the root file with what it serves; other services' parts stay. */
    public static void write(String servedJson, Path rootDocument, String service) throws IOException {
        JsonNode served = JSON.readTree(servedJson);
        ObjectNode root = (ObjectNode) YAML.readTree(rootDocument.toFile());
        Map<String, JsonNode> paths = fields(root.path("paths"));
        ownedPaths(root, service).keySet().forEach(paths::remove);
        paths.putAll(fields(served.path("paths")));
        root.set("paths", sorted(paths));
        ObjectNode components = root.with("components");
        for (String section : List.of("schemas", "securitySchemes")) {
            Map<String, JsonNode> merged = fields(components.path(section));
            merged.putAll(fields(served.path("components").path(section)));
            components.set(section, sorted(merged));
        }
        Files.writeString(rootDocument, YAML.writeValueAsString(root));
    }

    private static Map<String, JsonNode> ownedPaths(JsonNode root, String service) {
        Map<String, JsonNode> owned = new TreeMap<>();
        fields(root.path("paths")).forEach((path, item) -> {
            if (service.equals(item.path(ServiceOwnershipFilter.EXTENSION).asText())) {
                owned.put(path, item);
            }
        });
        return owned;
    }

    private static ObjectNode sorted(Map<String, JsonNode> entries) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(entries).forEach(node::set);
        return node;
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
