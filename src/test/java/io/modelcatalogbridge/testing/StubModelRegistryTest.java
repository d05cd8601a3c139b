package io.modelcatalogbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcatalogbridge.source.kfmr.KfmrJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stub behaves like a real registry where tests of other packages will rely on it. */
class StubModelRegistryTest {

    private static JsonNode get(StubModelRegistry stub, String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stub.url() + StubModelRegistry.REGISTRY_API + pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return KfmrJson.mapper().readTree(r.body());
    }

    private static List<String> ids(JsonNode envelope) {
        List<String> ids = new ArrayList<>();
        envelope.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @Test
    void sortOrderDescAndOrderByLastUpdateTimeAreHonoured() throws Exception {
        try (StubModelRegistry stub = StubModelRegistry.start(Path.of("examples/registry-snapshot"))) {
            assertEquals(
                    List.of("12", "10"), ids(get(stub, "/registered_models?pageSize=2&orderBy=ID&sortOrder=DESC")));
            assertEquals(
                    List.of("1", "6", "10", "12", "8"),
                    ids(get(stub, "/registered_models?orderBy=LAST_UPDATE_TIME&sortOrder=ASC")));
        }
    }

    @Test
    void withoutPageSizeEverythingComesInOnePageLikeEmbedmd() throws Exception {
        try (StubModelRegistry stub = StubModelRegistry.start(Path.of("examples/registry-snapshot"))) {
            JsonNode all = get(stub, "/model_versions");
            assertEquals(6, all.path("items").size());
            assertEquals("", all.path("nextPageToken").asText());
            assertEquals(0, all.path("pageSize").asInt());
        }
    }
}
