package io.modelcatalogbridge.source.kfmr;

/** The registry (or its kube-rbac-proxy / oauth-proxy) refused the request with 401 or 403; never retried. */
public class KfmrAuthException extends KfmrHttpException {

    public KfmrAuthException(String url, int status, String message) {
        super(url, status, message);
    }
}
