package io.modelcatalogbridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the KFMR reader lands. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Renders every document of a registry.")
public class ExportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
