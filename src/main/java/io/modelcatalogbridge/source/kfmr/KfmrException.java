package io.modelcatalogbridge.source.kfmr;

/**
 * Base of the errors met while reading a Kubeflow Model Registry (over HTTP or from a snapshot directory). The
 * message is one line meant for the user; no stack trace is needed to understand it, and it never carries a token.
 */
public class KfmrException extends RuntimeException {

    public KfmrException(String message) {
        super(message);
    }

    public KfmrException(String message, Throwable cause) {
        super(message, cause);
    }
}
