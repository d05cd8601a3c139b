package io.modelcatalogbridge.serve.http;

/** A request the bridge refuses, with the HTTP status to answer and a message for the client. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException tooLarge(long limit) {
        return tooLarge(limit, "bridge.http.max-body-size");
    }

    /** 413 naming the limit and the property that sets it. */
    public static ApiException tooLarge(long limit, String property) {
        return new ApiException(413, "request body larger than " + limit + " bytes (" + property + ")");
    }
}
