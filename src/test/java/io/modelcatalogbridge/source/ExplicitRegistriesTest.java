package io.modelcatalogbridge.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplicitRegistriesTest {

    @Test
    void namedAndBareUrls() {
        assertEquals(
                List.of(
                        new RegistryEndpoint("name", "https://host.example.com", "MODEL_REGISTRY_URLS"),
                        new RegistryEndpoint("other", "http://127.0.0.1:8080", "MODEL_REGISTRY_URLS"),
                        new RegistryEndpoint(
                                "registry.example.com", "https://registry.example.com/base", "MODEL_REGISTRY_URLS")),
                ExplicitRegistries.parse(List.of(
                        "name=https://host.example.com",
                        " other=http://127.0.0.1:8080 ",
                        "https://registry.example.com/base",
                        "")));
    }

    @Test
    void aUrlWhoseQueryHoldsAnEqualsSignIsStillABareUrl() {
        assertEquals(
                "h.example.com",
                ExplicitRegistries.parse(List.of("https://h.example.com/?a=b"))
                        .get(0)
                        .id());
    }

    @Test
    void badEntriesFailAtStartWithTheEntryNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ExplicitRegistries.parse(List.of("x=ftp://host")));
        assertTrue(e.getMessage().contains("x=ftp://host"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> ExplicitRegistries.parse(List.of("a=http://h1", "a=http://h2")));
        assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
    }
}
