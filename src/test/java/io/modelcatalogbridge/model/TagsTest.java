package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void tagValidityFollowsTheBackstagePattern() {
        assertTrue(Tags.isValid("text-generation"));
        assertTrue(Tags.isValid("c++"));
        assertTrue(Tags.isValid("a:b#c"));
        assertFalse(Tags.isValid("Upper"));
        assertFalse(Tags.isValid("a--b"));
        assertFalse(Tags.isValid("-a"));
        assertFalse(Tags.isValid("1.4.0"));
        assertFalse(Tags.isValid(""));
    }

    @Test
    void tagsOfMoreThan63CharactersAreDropped() {
        assertTrue(Tags.isValid("t".repeat(63)));
        assertFalse(Tags.isValid("t".repeat(64)));
        assertEquals(List.of("ok"), Tags.normalize(List.of("t".repeat(64), "ok")));
    }

    @Test
    void wellKnownValuesAreLowerCasedWithWhitespaceAsDash() {
        assertEquals(Optional.of("red-hat"), Tags.fromValue(" Red  Hat "));
        assertEquals(Optional.of("grpc"), Tags.fromValue("gRPC"));
        assertEquals(Optional.empty(), Tags.fromValue("https://www.apache.org/licenses/LICENSE-2.0.txt"));
    }

    @Test
    void propertiesBecomeKeyValueOrLabelTagsOnlyWhenValid() {
        assertEquals(Optional.of("text-generation"), Tags.fromProperty("text-generation", ""));
        assertEquals(Optional.of("stage-prod"), Tags.fromProperty("stage", "prod"));
        assertEquals(Optional.empty(), Tags.fromProperty("Framework", "PyTorch"));
        assertEquals(Optional.empty(), Tags.fromProperty("accuracy", "0.95"));
    }

    @Test
    void normalizedTagsAreSortedAndDistinct() {
        assertEquals(List.of("a", "b", "c"), Tags.normalize(List.of("c", "a", "Bad", "b", "a")));
    }
}
