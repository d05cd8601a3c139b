package io.modelcatalogbridge.backstage;

/** A failed call to the Backstage catalog API; {@link #status()} is 0 when no HTTP answer came. */
public class BackstageException extends RuntimeException {

    private final int status;

    public BackstageException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Whether trying again may help (no answer, 5xx, 429, 408); other 4xx mean the request itself is wrong. */
    public boolean retryable() {
        return status == 0 || status >= 500 || status == 429 || status == 408 || status == 401 || status == 403;
    }
}
