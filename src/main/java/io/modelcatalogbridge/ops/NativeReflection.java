package io.modelcatalogbridge.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types that Jackson reads and writes with the bridge's own {@code ObjectMapper}s (not through a JAX-RS signature, so
 * Quarkus does not find them): registered for reflection so that the native image (de)serialises them as the JVM does.
 */
@RegisterForReflection(
        targets = {
            io.modelcatalogbridge.source.kfmr.RegisteredModel.class,
            io.modelcatalogbridge.source.kfmr.ModelVersion.class,
            io.modelcatalogbridge.source.kfmr.ModelArtifact.class,
            io.modelcatalogbridge.source.kfmr.InferenceService.class,
            io.modelcatalogbridge.source.kfmr.ServingEnvironment.class,
            io.modelcatalogbridge.source.kfmr.CatalogModel.class,
            io.modelcatalogbridge.source.kfmr.PagedList.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.StringValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.IntValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.DoubleValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.BoolValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.StructValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.ProtoValue.class,
            io.modelcatalogbridge.source.kfmr.MetadataValue.Unknown.class,
            io.modelcatalogbridge.store.StorageWire.UpsertRequest.class,
            io.modelcatalogbridge.store.StorageWire.FetchResponse.class,
            io.modelcatalogbridge.store.StorageWire.KeyList.class,
            io.modelcatalogbridge.store.StorageWire.Error.class
        },
        classNames = {
            "io.modelcatalogbridge.source.kfmr.KubeList",
            "io.modelcatalogbridge.store.file.FileDocumentStore$FileEntry",
            "io.modelcatalogbridge.serve.storage.StorageApi$UpsertAnswer",
            "io.modelcatalogbridge.serve.storage.StorageApi$PruneAnswer",
            "io.modelcatalogbridge.serve.storage.StorageApi$Document",
            "io.modelcatalogbridge.serve.storage.StorageApi$Documents"
        })
final class NativeReflection {
    private NativeReflection() {}
}
