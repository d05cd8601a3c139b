package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.ops.Role;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code normalizer} role: Keeps the catalog in sync with model registries and KServe. */
@ApplicationScoped
@LookupIfProperty(name = "app.role", stringValue = "normalizer")
public class NormalizerRole implements Role {

    @Override
    public String name() {
        return "normalizer";
    }

    @Override
    public void start() {
    }

    @Override
    public Readiness readiness() {
        return Readiness.up("started");
    }
}
