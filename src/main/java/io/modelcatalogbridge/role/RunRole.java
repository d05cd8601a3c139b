package io.modelcatalogbridge.role;

import io.modelcatalogbridge.sync.StorageSink;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code run}: storage, location and normalizer in one process. Documents go normalizer → storage → location by
 * method call (no HTTP hop, nothing to configure between them); storage's and location's REST APIs are still
 * served, on their own ports, for Backstage and for other clients.
 */
@ApplicationScoped
@LookupIfProperty(name = RoleName.PROPERTY, stringValue = RoleName.Names.RUN)
public class RunRole implements Role {

    private static final Logger LOG = Logger.getLogger(RunRole.class);

    private final StorageRole storage;
    private final LocationRole location;
    private final NormalizerRole normalizer;
    private final ExtraPorts ports;
    private final int storagePort;
    private final int normalizerPort;

    RunRole(
            StorageRole storage,
            LocationRole location,
            NormalizerRole normalizer,
            ExtraPorts ports,
            @ConfigProperty(name = "bridge.run.storage-port", defaultValue = "7070") int storagePort,
            @ConfigProperty(name = "bridge.run.normalizer-port", defaultValue = "8080") int normalizerPort) {
        this.storage = storage;
        this.location = location;
        this.normalizer = normalizer;
        this.ports = ports;
        this.storagePort = storagePort;
        this.normalizerPort = normalizerPort;
    }

    @Override
    public RoleName name() {
        return RoleName.RUN;
    }

    @Override
    public void start() {
        ports.listen(storagePort);
        ports.listen(normalizerPort);
        // Quarkus's "Listening on" line names location's port only.
        LOG.infof(
                "run: location on the port Quarkus listens on, storage's API on port %d, normalizer metrics and "
                        + "health on port %d",
                storagePort, normalizerPort);
        storage.start(List.of(new InProcessLocationPush(location.server())));
        location.start(storage.inProcess());
        normalizer.start(new StorageSink(storage.inProcess()));
    }

    @Override
    public void stop() {
        normalizer.stop();
        location.stop();
        storage.stop();
        ports.close();
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
