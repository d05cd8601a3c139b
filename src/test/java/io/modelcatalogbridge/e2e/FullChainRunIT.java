package io.modelcatalogbridge.e2e;

/**
 * The full chain with the all-in-one layout ({@code run}): the same scenario as {@link FullChainIT}, one process.
 * Logs: {@code target/e2e-chain-run*.log}.
 */
class FullChainRunIT extends FullChainScenario {

    @Override
    protected ChainTopology newTopology() {
        return new RunTopology();
    }
}
