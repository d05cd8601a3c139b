package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WellKnownValuesTest {

    private static WellKnownValues read(Map<String, String> props) {
        return WellKnownValues.read(props::get, "test");
    }

    @Test
    void apiTypeDefaultsToOpenapi() {
        WellKnownValues v = read(Map.of());
        assertEquals(ApiType.OPENAPI, v.apiType());
        assertEquals("no-definition-yet", v.apiSpecOrDefault());
        assertTrue(v.problems().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"openapi,OPENAPI", "AsyncAPI,ASYNCAPI", "graphql,GRAPHQL", "gRPC,GRPC", " grpc ,GRPC"})
    void apiTypeAcceptsEachValueCaseInsensitively(String raw, ApiType expected) {
        assertEquals(expected, read(Map.of("API Type", raw)).apiType());
    }

    @Test
    void unknownApiTypeFallsBackToOpenapiWithAProblem() {
        WellKnownValues v = read(Map.of("API Type", "soap"));
        assertEquals(ApiType.OPENAPI, v.apiType());
        assertEquals(1, v.problems().size());
        assertTrue(v.problems().get(0).contains("soap"));
    }

    @Test
    void techDocsOnlyAcceptsHttpUrls() {
        assertEquals(
                "https://docs.example.com",
                read(Map.of("TechDocs", "https://docs.example.com")).techDocsUrl());
        WellKnownValues ftp = read(Map.of("TechDocs", "ftp://docs.example.com"));
        assertNull(ftp.techDocsUrl());
        assertEquals(1, ftp.problems().size());
    }

    @Test
    void tagKeysTurnTheirValuesIntoTags() {
        WellKnownValues v = read(Map.of(
                "License",
                "Apache 2.0",
                "Provider",
                "Red Hat",
                "Registered from",
                "Model catalog",
                "Source model",
                "granite",
                "Source model version",
                "1.4.0",
                "API Type",
                "grpc",
                "_registeredFromCatalogRepositoryName",
                "rhelai1"));
        assertEquals(List.of("granite", "grpc", "model-catalog", "red-hat", "rhelai1"), v.tags());
    }

    @Test
    void fieldKeysFillTheirFieldsAndBlankCountsAsUnset() {
        WellKnownValues v = read(Map.of(
                "Ethics",
                "e",
                "How to use",
                "h",
                "Support",
                "s",
                "Training",
                "t",
                "Usage",
                "u",
                "Homepage URL",
                "hp",
                "API Spec",
                "spec",
                "License",
                "l",
                "Owner",
                "o",
                "Lifecycle",
                " "));
        assertEquals(
                List.of("e", "h", "s", "t", "u", "hp", "spec", "l", "o"),
                List.of(
                        v.ethics(),
                        v.howToUseURL(),
                        v.support(),
                        v.training(),
                        v.usage(),
                        v.homepageURL(),
                        v.apiSpec(),
                        v.license(),
                        v.owner()));
        assertNull(v.lifecycle());
    }
}
