package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.ops.Role;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code storage} role: Persists catalog documents and forwards them to location. */
@ApplicationScoped
@LookupIfProperty(name = "app.role", stringValue = "storage")
public class StorageRole implements Role {

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public void start() {
    }

    @Override
    public Readiness readiness() {
        return Readiness.up("started");
    }
}
