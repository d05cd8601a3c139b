package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.location.LocationServer;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code location} role: serves documents to Developer Hub ({@link LocationServer}). */
@ApplicationScoped
@LookupIfProperty(name = RoleNames.PROPERTY, stringValue = RoleNames.LOCATION)
public class LocationRole implements Role {

    private final LocationServer server;

    LocationRole(LocationServer server) {
        this.server = server;
    }

    @Override
    public RoleName name() {
        return RoleName.LOCATION;
    }

    @Override
    public void start() {
        server.start();
    }

    /** Loads from {@code storage} in process instead of over HTTP ({@code run}). */
    public void start(StorageApi storage) {
        server.start(storage);
    }

    public LocationServer server() {
        return server;
    }

    @Override
    public void stop() {
        server.stop();
    }

    /** Ready once the first full load from storage has completed. */
    @Override
    public Readiness readiness() {
        return new Readiness(server.ready(), server.readinessDetail());
    }
}
