package io.modelcatalogbridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the KFMR reader lands. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Validates catalog documents.")
public class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
