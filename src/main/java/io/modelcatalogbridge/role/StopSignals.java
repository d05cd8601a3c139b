package io.modelcatalogbridge.role;

import io.quarkus.runtime.Quarkus;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * TERM and INT end the application through Quarkus' normal shutdown with exit code 0, after {@code beforeExit} (the
 * role listeners' drain: requests in flight are answered while the whole application is still up). Installed before
 * the role's ports open: a TERM that arrived earlier found the JVM's default handler, which exits 143 and skips the
 * drain (seen in HttpHardeningIT when the signal came right after readiness, before the command had run).
 */
final class StopSignals {
    private StopSignals() {}

    static void exitCleanlyOnTermAndInt(Runnable beforeExit) {
        SignalHandler handler = s -> {
            beforeExit.run();
            Quarkus.asyncExit(0);
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
