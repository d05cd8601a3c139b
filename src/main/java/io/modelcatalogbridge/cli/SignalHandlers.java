package io.modelcatalogbridge.cli;

import io.quarkus.runtime.Quarkus;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * TERM and INT end the application through Quarkus' normal shutdown with exit code 0, after {@code beforeExit} (the
 * role listeners' drain: requests in flight are answered while the whole application is still up).
 */
final class SignalHandlers {
    private SignalHandlers() {}

    static void exitCleanlyOnTermAndInt(Runnable beforeExit) {
        SignalHandler handler = s -> {
            beforeExit.run();
            Quarkus.asyncExit(0);
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
