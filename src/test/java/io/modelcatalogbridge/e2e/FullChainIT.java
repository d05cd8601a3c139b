package io.modelcatalogbridge.e2e;

/**
 * The full chain with the production layout: {@code storage}, {@code location} and {@code normalizer} as three
 * processes of the packaged application. Logs: {@code target/e2e-chain-*.log}.
 */
class FullChainIT extends FullChainScenario {

    @Override
    protected ChainTopology newTopology() {
        return new ThreeProcessTopology();
    }
}
