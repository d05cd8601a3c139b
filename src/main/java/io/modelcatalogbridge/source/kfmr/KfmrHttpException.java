package io.modelcatalogbridge.source.kfmr;

/** The registry answered with an HTTP error status (after retries, for 5xx and 429). */
public class KfmrHttpException extends KfmrException {

    private final String url;
    private final int status;

    public KfmrHttpException(String url, int status, String message) {
        super(message);
        this.url = url;
        this.status = status;
    }

    /** The request URL, without user info. */
    public String url() {
        return url;
    }

    public int status() {
        return status;
    }
}
