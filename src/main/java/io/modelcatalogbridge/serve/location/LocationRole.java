package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.ops.Role;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code location} role: Serves catalog documents to Developer Hub. */
@ApplicationScoped
@LookupIfProperty(name = "app.role", stringValue = "location")
public class LocationRole implements Role {

    @Override
    public String name() {
        return "location";
    }

    @Override
    public void start() {
    }

    @Override
    public Readiness readiness() {
        return Readiness.up("started");
    }
}
