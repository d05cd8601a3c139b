package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OwnershipTest {
    private final MappingSettings defaults = MappingSettings.defaults();
    private final MappingSettings configured = new MappingSettings("team:x", "production", null);

    @Test
    void ownerIsTheFirstUsableCandidateSanitised() {
        assertEquals("mv-owner", Ownership.owner(defaults, "mv-owner", "rm-owner", "field"));
        assertEquals("rm-owner", Ownership.owner(defaults, null, "rm-owner", "field"));
        assertEquals("kube-admin", Ownership.owner(defaults, " ", null, "kube:admin"));
        assertEquals("field", Ownership.owner(defaults, "!!!", null, "field"));
    }

    @Test
    void ownerFallsBackToTheConfiguredDefaultThenTheBridgeName() {
        assertEquals("team-x", Ownership.owner(configured, null, null, null));
        assertEquals("rhdh-rhoai-bridge", Ownership.owner(defaults, null, null, null));
        assertEquals("rhdh-rhoai-bridge", Ownership.owner(new MappingSettings("???", null, null)));
    }

    @Test
    void lifecycleFallsBackToTheConfiguredDefaultThenDevelopment() {
        assertEquals("staging", Ownership.lifecycle(configured, "staging", "rm"));
        assertEquals("rm-lc", Ownership.lifecycle(configured, null, "rm lc"));
        assertEquals("production", Ownership.lifecycle(configured));
        assertEquals("development", Ownership.lifecycle(defaults, (String) null));
    }
}
