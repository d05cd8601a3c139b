package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.ServerFacts;

/**
 * What the registry mapper needs to know about the cluster deployment behind a registry inference service. The
 * KFMR adapter does not know where deployments come from: the caller joins them in ({@link DeploymentMatcher}).
 */
public interface LiveDeployment {

    /** The deployment's name in the cluster. */
    String name();

    String namespace();

    /** Ready and not stopped: only then does the version get a model server. */
    boolean serving();

    /** Stopped on purpose (so not serving, but not failing either). */
    default boolean stopped() {
        return false;
    }

    /** Epoch ms of the newest change the cluster reports for it. */
    long lastUpdated();

    /** The model server facts, with the mapper's description. */
    ServerFacts serverFacts(String description);
}
