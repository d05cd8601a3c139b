package io.modelcatalogbridge.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.storageapi.StorageHttpClient;
import io.modelcatalogbridge.testing.RecordingStorage;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Full-sync cost against a stub registry of {@code models × versions} (not a test: run with
 * {@code bench/normalizer-sync.sh}). Reads, assembles, renders and sends to a recording storage over HTTP exactly
 * as the engine does; prints time, registry requests and heap for the first and a no-change sync.
 */
public final class NormalizerSyncBench {

    private NormalizerSyncBench() {}

    public static void main(String[] args) throws Exception {
        int models = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (StubModelRegistry stub = StubModelRegistry.start(contents(models, versions));
                RecordingStorage storage = RecordingStorage.start()) {
            RegistryReads reads = new RegistryReads(
                    e -> KfmrClientSettings.of(e.url()).withPageSize(pageSize),
                    Duration.ofHours(1),
                    new NormalizerMetrics(new SimpleMeterRegistry()));
            Publisher publisher = new Publisher(
                    new StorageSink(
                            new StorageHttpClient(URI.create(storage.url()), Duration.ofSeconds(30), Optional::empty)),
                    new JsonArrayFormat());
            List<RegistryEndpoint> endpoints = List.of(new RegistryEndpoint("bench", stub.url(), "bench"));
            System.out.printf("registry: %d models x %d versions, page size %d%n", models, versions, pageSize);
            for (String run : List.of("first sync", "no-change sync", "no-change sync")) {
                stub.resetRequests();
                storage.resetCalls();
                long start = System.nanoTime();
                var read = reads.readAll(endpoints, Optional.empty(), true);
                var assembly = CatalogAssembler.assemble(
                        List.of(read.get(0).contents().orElseThrow()), List.of(), MappingSettings.defaults());
                Publisher.Outcome o = publisher.publish(assembly.documents(), PublishOptions.full(true));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.gc();
                long heap = (Runtime.getRuntime().totalMemory()
                                - Runtime.getRuntime().freeMemory())
                        >> 20;
                System.out.printf(
                        "%-15s %6d ms  registry requests %5d  storage calls %5d  documents %5d  "
                                + "upserted %5d  heap after GC %4d MiB%n",
                        run,
                        millis,
                        stub.requests().size(),
                        storage.calls().size(),
                        assembly.documents().size(),
                        o.upserted(),
                        heap);
            }
        }
    }

    static RegistryContents contents(int models, int versions) {
        List<RegisteredModel> rms = new ArrayList<>();
        List<ModelVersion> mvs = new ArrayList<>();
        Map<String, List<ModelArtifact>> arts = new HashMap<>();
        int id = 1;
        int artifactId = 1;
        for (int m = 0; m < models; m++) {
            String rmId = Integer.toString(id++);
            rms.add(NormalizerFixtures.model(rmId, "model-" + m, 1750000000000L + m));
            for (int v = 0; v < versions; v++) {
                String mvId = Integer.toString(id++);
                mvs.add(NormalizerFixtures.version(mvId, rmId, "v" + v, 1750000000000L + m));
                arts.put(
                        mvId,
                        List.of(NormalizerFixtures.artifact(
                                Integer.toString(artifactId++), "model-" + m + "-v" + v, 1750000000000L + m)));
            }
        }
        return new RegistryContents("bench", rms, mvs, arts, List.of(), List.of(), List.of());
    }
}
