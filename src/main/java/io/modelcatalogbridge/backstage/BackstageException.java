package io.modelcatalogbridge.backstage;

/** A failed call to the Backstage catalog API; {@link #status()} is 0 when no HTTP answer came. */
public class BackstageException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    public BackstageException(int status, String message) {
        this(
                status,
                message,
                status == 0 || status >= 500 || status == 429 || status == 408 || status == 401 || status == 403);
    }

    /** With an explicit verdict, for answers whose meaning depends on the call. */
    public BackstageException(int status, String message, boolean retryable) {
        super(message);
        this.status = status;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    /**
     * Whether trying again may help (no answer, 5xx, 429, 408, 401, 403 by default); other 4xx mean the request
     * itself is wrong.
     */
    public boolean retryable() {
        return retryable;
    }
}
