package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.model.ModelCard;
import io.modelcatalogbridge.storageapi.StorageApi;
import io.modelcatalogbridge.storageapi.StorageWire;
import io.modelcatalogbridge.storageapi.UpsertResult;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link DocumentSink} over the storage API: {@code POST /upsert?key=&type=} with {@code {"body": base64,
 * "lastUpdateTimeSinceEpoch", "modelCardKey", "modelCard", "sourceId"}} and {@code POST /currentkeyset?key=k1,k2,…}
 * as the Go normalizer called them, and {@code GET /digests} (paged) for what storage holds — {@code GET /list} when
 * storage is the Go bridge's and has no digest listing.
 */
public final class StorageSink implements DocumentSink {

    /** Digest-listing entries per request: ~150 bytes each. */
    static final int DIGEST_PAGE = 1000;

    /**
     * Most bytes (base64 bodies and model cards) in one {@code POST /upserts}: well under storage's default
     * {@code bridge.http.max-batch-body-size} (16 MiB), so a batch is one request, and a bounded buffer.
     */
    static final long BATCH_BYTES = 4L * 1024 * 1024;

    private final StorageApi client;

    public StorageSink(StorageApi client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Stored upsert(Outgoing d) {
        try {
            return stored(client.upsert(d.storageKey(), d.kind().wireName(), request(d)));
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    /**
     * {@code POST /upserts}, in requests of at most {@link #BATCH_BYTES} of bodies and model cards (a larger document
     * goes alone); storage without the endpoint gets one {@code /upsert} each ({@link StorageApi#upsertAll}).
     */
    @Override
    public List<Answer> upsertAll(List<Outgoing> documents) {
        List<Answer> out = new ArrayList<>(documents.size());
        List<StorageWire.BatchUpsert> batch = new ArrayList<>();
        long bytes = 0;
        for (Outgoing d : documents) {
            StorageWire.BatchUpsert e =
                    StorageWire.BatchUpsert.of(d.storageKey(), d.kind().wireName(), request(d));
            long size = e.body().length()
                    + (e.modelCard() == null ? 0 : e.modelCard().length());
            if (!batch.isEmpty() && bytes + size > BATCH_BYTES) {
                out.addAll(send(batch));
                batch.clear();
                bytes = 0;
            }
            batch.add(e);
            bytes += size;
        }
        out.addAll(send(batch));
        return out;
    }

    private List<Answer> send(List<StorageWire.BatchUpsert> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        try {
            return client.upsertAll(batch).stream()
                    .map(a -> a.error() == null ? Answer.of(stored(a.result())) : Answer.failed(a.error()))
                    .toList();
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    private static StorageWire.UpsertRequest request(Outgoing d) {
        return new StorageWire.UpsertRequest(
                Base64.getEncoder().encodeToString(d.body()),
                Long.toString(d.lastUpdated()),
                d.modelCard().map(ModelCard::key).orElse(null),
                d.modelCard().map(ModelCard::markdown).orElse(null),
                d.sourceId());
    }

    private static Stored stored(UpsertResult result) {
        return result.stale() ? new Stored(true, result.storedTime()) : Stored.ACCEPTED;
    }

    @Override
    public void currentKeySet(Collection<String> storageKeys) {
        try {
            client.currentKeySet(storageKeys);
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    @Override
    public Holdings holdings() {
        try {
            SortedMap<String, Holding> out = new TreeMap<>();
            Optional<StorageWire.Digests> page = client.digests(null, DIGEST_PAGE);
            if (page.isEmpty()) {
                client.list().forEach(k -> out.put(k, Holding.keyOnly()));
                return new Holdings(false, out);
            }
            while (true) {
                StorageWire.Digests p = page.get();
                p.digests()
                        .forEach(d ->
                                out.put(d.key(), new Holding(d.digest(), d.lastUpdateTimeSinceEpoch(), d.sourceId())));
                if (p.next() == null || p.digests().isEmpty()) {
                    return new Holdings(true, out);
                }
                page = client.digests(p.next(), DIGEST_PAGE);
                if (page.isEmpty()) {
                    throw new SinkException("storage stopped listing digests after " + out.size() + " keys", null);
                }
            }
        } catch (StorageApi.StorageException e) {
            throw new SinkException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "storage at " + client.describe();
    }
}
