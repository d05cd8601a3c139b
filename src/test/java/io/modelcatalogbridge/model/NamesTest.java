package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void validNamesAreKeptAsTheyAre() {
        assertEquals("granite-3.1-8b-lab-v1-1.4.0", Names.sanitize("granite-3.1-8b-lab-v1-1.4.0"));
        assertEquals("My_Model", Names.sanitize("My_Model"));
    }

    @Test
    void invalidCharactersBecomeDashesAndRunsCollapse() {
        assertEquals("kube-admin", Names.sanitize("kube:admin"));
        assertEquals("granite-3-v1", Names.sanitize("granite 3 / v1"));
        assertEquals("a.b", Names.sanitize("a._-b"));
        assertEquals("caf-latte", Names.sanitize("café latte"));
    }

    @Test
    void separatorsAtTheEndsAreTrimmed() {
        assertEquals("model", Names.sanitize("--_model.-"));
        assertEquals("x", Names.sanitize("  x  "));
    }

    @Test
    void emptyResultGetsADeterministicFallback() {
        String a = Names.sanitize("!!!");
        assertTrue(a.matches("model-[0-9a-f]{8}"), a);
        assertEquals(a, Names.sanitize("!!!"));
        assertNotEquals(a, Names.sanitize("???"));
        assertTrue(Names.trySanitize("::").isEmpty());
    }

    @Test
    void namesOver63CharactersAreShortenedWithAStableHash() {
        String longA = "a".repeat(60) + "-first";
        String longB = "a".repeat(60) + "-second";
        String a = Names.sanitize(longA);
        String b = Names.sanitize(longB);
        assertEquals(63, a.length());
        assertTrue(a.startsWith("a".repeat(54) + "-"), a);
        assertNotEquals(a, b, "a common prefix must not make two long names equal");
        assertEquals(a, Names.sanitize(longA));
        assertTrue(Names.isValid(a));
    }

    @Test
    void exactly63CharactersIsKept() {
        String name = "b".repeat(63);
        assertEquals(name, Names.sanitize(name));
    }

    @Test
    void sanitiseAlikeNamesCollideAndWithSuffixSeparatesThem() {
        assertEquals(Names.sanitize("granite 3"), Names.sanitize("granite-3"));
        String renamed = Names.withSuffix("granite-3", "granite-3_v1");
        assertTrue(renamed.matches("granite-3-[0-9a-f]{8}"), renamed);
        String longRenamed = Names.withSuffix("c".repeat(63), "key");
        assertEquals(63, longRenamed.length());
        assertTrue(Names.isValid(longRenamed));
    }

    @Test
    void isValidFollowsBackstageRules() {
        assertTrue(Names.isValid("a-b_c.d"));
        assertFalse(Names.isValid("a--b"));
        assertFalse(Names.isValid("-a"));
        assertFalse(Names.isValid("a b"));
        assertFalse(Names.isValid("x".repeat(64)));
    }
}
