package io.modelcatalogbridge.cli;

import io.quarkus.runtime.Quarkus;
import sun.misc.Signal;

/** TERM and INT end the application through Quarkus' normal shutdown with exit code 0. */
final class SignalHandlers {
    private SignalHandlers() {}

    static void exitCleanlyOnTermAndInt() {
        Signal.handle(new Signal("TERM"), s -> Quarkus.asyncExit(0));
        Signal.handle(new Signal("INT"), s -> Quarkus.asyncExit(0));
    }
}
