package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.Renderer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where {@code export} writes rendered documents: a stream, or a directory laid out like the Go-era URIs. */
final class DocumentOutput {

    private final Renderer renderer;

    DocumentOutput(Renderer renderer) {
        this.renderer = renderer;
    }

    /**
     * JSON: one array holding every document (so {@code jq} reads it); YAML: the documents' entity streams one after
     * the other.
     */
    void toStream(List<CatalogDocument> docs, PrintStream stream) {
        boolean json = renderer.fileName().endsWith(".json");
        try {
            OutputStream os = stream;
            if (json) {
                os.write('[');
            }
            for (int i = 0; i < docs.size(); i++) {
                byte[] bytes = renderer.render(docs.get(i));
                if (json) {
                    os.write(i == 0 ? "\n".getBytes(StandardCharsets.UTF_8) : ",\n".getBytes(StandardCharsets.UTF_8));
                    os.write(stripTrailingNewline(bytes));
                } else {
                    os.write(bytes);
                }
            }
            if (json) {
                os.write((docs.isEmpty() ? "]\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
            }
            os.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Renders everything first (so a rendering error writes nothing), then writes each file through a temporary
     * file, fsync and an atomic rename: a reader never sees a half-written document.
     */
    void toDirectory(List<CatalogDocument> docs, Path dir) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (CatalogDocument doc : docs) {
            String uri = doc.key().goEraUri(renderer.fileName());
            files.put(dir.resolve(uri.substring(1)), renderer.render(doc));
        }
        try {
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                writeAtomically(f.getKey(), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] stripTrailingNewline(byte[] b) {
        int n = b.length;
        while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == '\r')) {
            n--;
        }
        return n == b.length ? b : Arrays.copyOf(b, n);
    }
}
