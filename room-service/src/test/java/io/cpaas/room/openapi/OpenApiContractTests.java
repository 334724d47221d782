package io.cpaas.room.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpaas.rest.openapi.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root openapi.yaml is the public contract; this fails when what room-service serves differs
 * from its part of it. Run the tests with -Dopenapi.write=true to write the served part into the file.
 */
@QuarkusTest
class OpenApiContractTests {

    private static final Path ROOT_DOCUMENT = Path.of("..", "openapi.yaml");

    @Test
    void servedDocumentEqualsTheRootOpenApiYaml() throws IOException {
        String served = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            OpenApiContract.write(served, ROOT_DOCUMENT, ServiceOwnershipFilter.SERVICE);
        }
        assertEquals(List.of(), OpenApiContract.differences(served, ROOT_DOCUMENT, ServiceOwnershipFilter.SERVICE),
                "openapi.yaml differs from what room-service serves; run the tests with -Dopenapi.write=true and review the diff");
    }
}
