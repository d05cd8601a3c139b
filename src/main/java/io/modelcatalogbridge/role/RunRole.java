package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.http.RoleNames;
import io.modelcatalogbridge.sync.StorageSink;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code run}: storage, location and normalizer in one process. Documents go normalizer → storage → location by
 * method call (no HTTP hop, nothing to configure between them); storage's and location's REST APIs are still
 * served, on their own ports, for Backstage and for other clients.
 */
@ApplicationScoped
@LookupIfProperty(name = RoleNames.PROPERTY, stringValue = RoleNames.RUN)
public class RunRole implements Role {

    private final StorageRole storage;
    private final LocationRole location;
    private final NormalizerRole normalizer;

    RunRole(StorageRole storage, LocationRole location, NormalizerRole normalizer) {
        this.storage = storage;
        this.location = location;
        this.normalizer = normalizer;
    }

    @Override
    public RoleName name() {
        return RoleName.RUN;
    }

    @Override
    public void start() {
        storage.start(List.of(new InProcessLocationPush(location.server())));
        location.start(storage.inProcess());
        normalizer.start(new StorageSink(storage.inProcess()));
    }

    @Override
    public void stop() {
        normalizer.stop();
        location.stop();
        storage.stop();
    }

    /** Ready when every role is: storage loaded, location loaded, first full sync done. */
    @Override
    public Readiness readiness() {
        StringBuilder detail = new StringBuilder();
        boolean ready = true;
        for (Role role : List.of(storage, location, normalizer)) {
            Readiness r = role.readiness();
            ready &= r.ready();
            detail.append(detail.length() == 0 ? "" : "; ")
                    .append(role.name())
                    .append(": ")
                    .append(r.detail());
        }
        return new Readiness(ready, detail.toString());
    }
}
