package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.sync.DocumentSink;
import io.modelcatalogbridge.sync.SyncEngine;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code normalizer} role: keeps the catalog in sync with model registries and KServe. */
@ApplicationScoped
@LookupIfProperty(name = RoleNames.PROPERTY, stringValue = RoleNames.NORMALIZER)
public class NormalizerRole implements Role {

    private final SyncEngine engine;

    NormalizerRole(SyncEngine engine) {
        this.engine = engine;
    }

    @Override
    public RoleName name() {
        return RoleName.NORMALIZER;
    }

    @Override
    public void start() {
        engine.start();
    }

    /** Starts sending documents to {@code sink} instead of the storage REST API (the all-in-one {@code run}). */
    public void start(DocumentSink sink) {
        engine.start(sink);
    }

    @Override
    public void stop() {
        engine.stop();
    }

    /**
     * Ready once a full sync has reached storage (storage listed what it holds and took every document), so an
     * empty catalog is never reported as "in sync"; the detail tells what the last full sync did and what is wrong
     * with it (failed upserts, held removals, sources not read).
     */
    @Override
    public Readiness readiness() {
        return new Readiness(engine.firstFullSyncDone(), engine.readinessDetail());
    }
}
