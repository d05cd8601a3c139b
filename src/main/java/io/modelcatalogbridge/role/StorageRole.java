package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.serve.storage.DocumentListener;
import io.modelcatalogbridge.serve.storage.InProcessStorage;
import io.modelcatalogbridge.serve.storage.StorageServer;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code storage} role: persists documents and serves storage's REST API ({@link StorageServer}). */
@ApplicationScoped
@LookupIfProperty(name = RoleNames.PROPERTY, stringValue = RoleNames.STORAGE)
public class StorageRole implements Role {

    private final StorageServer server;

    StorageRole(StorageServer server) {
        this.server = server;
    }

    @Override
    public RoleName name() {
        return RoleName.STORAGE;
    }

    @Override
    public void start() {
        server.start(List.of());
    }

    /** Starts with listeners told about every stored change ({@code run} hands changes to location this way). */
    public void start(List<DocumentListener> extraListeners) {
        server.start(extraListeners);
    }

    /** Storage's API without HTTP, for the other roles of {@code run}. */
    public InProcessStorage inProcess() {
        return server.inProcess();
    }

    @Override
    public void stop() {
        server.stop();
    }

    /** Ready once the store has loaded. */
    @Override
    public Readiness readiness() {
        return new Readiness(server.ready(), server.readinessDetail());
    }
}
