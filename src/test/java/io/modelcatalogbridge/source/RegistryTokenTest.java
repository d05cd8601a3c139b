package io.modelcatalogbridge.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTokenTest {

    @TempDir
    Path dir;

    @Test
    void kfmrTokenWinsOverKubernetesTokenAndFile() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "from-file");
        assertEquals(Optional.of("kfmr"), new RegistryToken(Optional.of("kfmr"), Optional.of("k8s"), file).get());
        assertEquals(Optional.of("k8s"), new RegistryToken(Optional.of(" "), Optional.of("k8s"), file).get());
        assertEquals(Optional.of("from-file"), new RegistryToken(Optional.empty(), Optional.empty(), file).get());
    }

    @Test
    void theFileIsReadAgainAtEveryRefreshBecauseProjectedTokensRotate() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "first\n");
        RegistryToken token = new RegistryToken(Optional.empty(), Optional.empty(), file);
        assertEquals(Optional.of("first"), token.get());
        Files.writeString(file, "second\n");
        token.refresh();
        assertEquals(Optional.of("second"), token.get());
        Files.delete(file);
        token.refresh();
        assertEquals(Optional.empty(), token.get());
    }

    @Test
    void theStartUpLogSaysWhenNoTokenIsSent() throws Exception {
        Path missing = dir.resolve("no-token");
        String none = new RegistryToken(Optional.empty(), Optional.empty(), missing).origin();
        assertTrue(none.contains("requests carry no token"), none);
        Path file = Files.writeString(dir.resolve("token"), "t");
        assertEquals("file " + file, new RegistryToken(Optional.empty(), Optional.empty(), file).origin());
        assertEquals("environment variable", new RegistryToken(Optional.of("k"), Optional.empty(), missing).origin());
    }
}
