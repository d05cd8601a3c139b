package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.storageapi.DecodedPages;
import io.modelcatalogbridge.storageapi.DocumentGrammar;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns storage's wire fields (a push body or a fetched record) into a {@link ServedDocument}, refusing what a
 * Backstage module could not read: RHDH's current module drops a whole poll when one listed document is not JSON,
 * so a broken document must never reach {@code /list}. Every field also passes storage's {@link DocumentGrammar}, so
 * location refuses exactly what storage refuses, whether it arrives by push or by load.
 */
public final class WireDocuments {

    private WireDocuments() {}

    /** A document that cannot be served; the message names the key and the problem, never the content. */
    public static final class InvalidDocumentException extends Exception {
        public InvalidDocumentException(String message) {
            super(message);
        }
    }

    /**
     * @param key        storage key ({@code a_b}) or current key ({@code a/b}), canonical spelling
     * @param base64Body the document bytes, base64
     * @param lastUpdate epoch milliseconds as a string; blank or unparsable counts as 0
     * @param cardKey    Go-era model-card key, optional
     * @param card       model-card markdown, optional
     */
    public static ServedDocument toDocument(
            String key, String base64Body, String lastUpdate, String cardKey, String card)
            throws InvalidDocumentException {
        DocumentKey documentKey = parseKey(key);
        if (base64Body == null || base64Body.isEmpty()) {
            throw new InvalidDocumentException("document " + key + " has no body");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Body);
        } catch (IllegalArgumentException e) {
            throw notBase64(key);
        }
        return checked(key, documentKey, bytes, lastUpdate, cardKey, card);
    }

    /**
     * A record of a page storage sent, its body already decoded as it streamed in ({@link DecodedPages}): the same
     * checks and the same refusals as {@link #toDocument(String, String, String, String, String)}.
     */
    public static ServedDocument toDocument(DecodedPages.DecodedDocument d) throws InvalidDocumentException {
        DocumentKey documentKey = parseKey(d.key());
        if (d.notBase64()) {
            throw notBase64(d.key());
        }
        if (d.body() == null) {
            throw new InvalidDocumentException("document " + d.key() + " has no body");
        }
        return checked(d.key(), documentKey, d.body(), d.lastUpdateTimeSinceEpoch(), d.modelCardKey(), d.modelCard());
    }

    private static InvalidDocumentException notBase64(String key) {
        return new InvalidDocumentException("document " + key + ": body is not base64");
    }

    private static ServedDocument checked(
            String key, DocumentKey documentKey, byte[] bytes, String lastUpdate, String cardKey, String card)
            throws InvalidDocumentException {
        try {
            // Storage's grammar: what location serves is exactly what storage may accept. It checks the bytes decoded
            // above (one decode, one parse per document): a body that starts like JSON (DocumentFormat.JSON)
            // is one well-formed JSON value after it, so nothing that is not JSON is ever listed as JSON.
            DocumentGrammar.key(documentKey.storageKey());
            DocumentGrammar.decodedRecord(null, bytes, lastUpdate, cardKey, card);
        } catch (DocumentGrammar.Violation e) {
            throw new InvalidDocumentException("document " + LogSafe.text(key) + ": " + e.getMessage());
        }
        return ServedDocument.of(documentKey, bytes, epochMillis(lastUpdate), cardOf(cardKey, card));
    }

    /** Parses a key as storage and the module spell it. */
    public static DocumentKey parseKey(String key) throws InvalidDocumentException {
        if (key == null || key.isBlank()) {
            throw new InvalidDocumentException("missing key");
        }
        try {
            return DocumentKey.parse(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(e.getMessage());
        }
    }

    private static Optional<ServedCard> cardOf(String cardKey, String card) {
        if (cardKey == null || cardKey.isBlank() || card == null || card.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ServedCard.of(cardKey, card));
    }

    private static long epochMillis(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
