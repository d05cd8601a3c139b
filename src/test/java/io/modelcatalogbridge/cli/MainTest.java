package io.modelcatalogbridge.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which launches skip picocli: only a role with its own options, each well-formed, which picocli would accept and do
 * nothing with. Everything else must still reach picocli, which names what is wrong and exits non-zero.
 */
class MainTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "storage",
                "location",
                "normalizer",
                "run",
                "location --port 9090",
                "storage --port=7070",
                "run --port 9090 --storage-port 7070 --normalizer-port=8080 --registry examples/registry-snapshot"
                        + " --registry=b=http://mr:8080 --catalog-url http://catalog:8080",
            })
    void aRoleWithItsOwnWellFormedOptionsSkipsPicocli(String line) {
        assertTrue(Main.isPlainRoleLaunch(line.split(" ")), line);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "export",
                "validate model-catalog.json",
                "help",
                "location --help",
                "storage -h",
                "normalizer --version",
                "location --bogus",
                "location --port",
                "location --port abc",
                "location --port=",
                "location --port 123456",
                "location --port -1",
                "location extra",
                "normalizer --registry examples/registry-snapshot",
                "storage --catalog-url http://catalog:8080",
                "run --registry",
                "run --registry --port",
                "--port 9090 location",
            })
    void everythingElseGoesToPicocli(String line) {
        assertFalse(Main.isPlainRoleLaunch(line.isEmpty() ? new String[0] : line.split(" ")), line);
    }
}
