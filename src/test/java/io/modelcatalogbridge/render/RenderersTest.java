package io.modelcatalogbridge.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {

    @Test
    void formatNamesAreTheGoBridgeNormalizerFormats() {
        assertEquals(List.of("JsonArrayFormat", "CatalogInfoYamlFormat"), Renderers.names());
    }

    @Test
    void eachFormatHasItsGoEraFileNameAndContentType() {
        Renderer json = Renderers.require("JsonArrayFormat");
        Renderer yaml = Renderers.require("CatalogInfoYamlFormat");
        assertEquals("model-catalog.json", json.fileName());
        assertEquals("application/json", json.contentType());
        assertEquals("catalog-info.yaml", yaml.fileName());
        assertEquals("application/yaml", yaml.contentType());
    }

    @Test
    void lookupAcceptsAnyCaseAndSurroundingBlanks() {
        assertInstanceOf(
                JsonArrayFormat.class, Renderers.forName("jsonarrayformat").orElseThrow());
        assertInstanceOf(
                CatalogInfoYamlFormat.class,
                Renderers.forName(" CATALOGINFOYAMLFORMAT ").orElseThrow());
    }

    @Test
    void unknownFormatIsEmptyForLookupAndNamesTheSupportedOnesWhenRequired() {
        assertTrue(Renderers.forName("Xml").isEmpty());
        assertTrue(Renderers.forName(null).isEmpty());
        UnknownFormatException e = assertThrows(UnknownFormatException.class, () -> Renderers.require("Xml"));
        assertEquals("unknown format 'Xml'; supported formats: JsonArrayFormat, CatalogInfoYamlFormat", e.getMessage());
    }
}
