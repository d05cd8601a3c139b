package io.modelcatalogbridge.source.kfmr;

/** The registry could not be reached or did not answer in time (after retries), or the TLS handshake failed. */
public class KfmrConnectionException extends KfmrException {

    public KfmrConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
