package io.modelcatalogbridge.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code model-catalog-bridge} command. */
@TopCommand
@Command(
        name = "model-catalog-bridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Brings AI models from Kubeflow Model Registries, the model catalog and KServe into a "
                + "Backstage / Red Hat Developer Hub catalog.",
        subcommands = {
            NormalizerCommand.class,
            StorageCommand.class,
            LocationCommand.class,
            RunCommand.class,
            ExportCommand.class,
            ValidateCommand.class
        })
public class BridgeCommand {}
