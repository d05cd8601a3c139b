package io.modelcatalogbridge.role;

import io.modelcatalogbridge.serve.location.LocationServer;
import io.modelcatalogbridge.serve.location.WireDocuments;
import io.modelcatalogbridge.serve.storage.DocumentListener;
import io.modelcatalogbridge.store.StoredDocument;
import org.jboss.logging.Logger;

/**
 * Storage → location without HTTP: every stored change reaches location's read model at once. What cannot be served
 * is logged and left to location's periodic reconcile, exactly as a refused HTTP push would be.
 */
final class InProcessLocationPush implements DocumentListener {

    private static final Logger LOG = Logger.getLogger(InProcessLocationPush.class);

    private final LocationServer location;

    InProcessLocationPush(LocationServer location) {
        this.location = location;
    }

    @Override
    public void changed(String key, StoredDocument doc, boolean contentChanged) {
        if (!contentChanged) {
            return;
        }
        try {
            location.accept(key, doc.body(), doc.lastUpdateTimeSinceEpoch(), doc.modelCardKey(), doc.modelCard());
        } catch (WireDocuments.InvalidDocumentException e) {
            LOG.warnf("location cannot serve %s: %s", key, e.getMessage());
        }
    }

    @Override
    public void removed(String key, StoredDocument removed) {
        location.drop(key);
    }
}
