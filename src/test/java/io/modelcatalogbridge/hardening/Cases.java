package io.modelcatalogbridge.hardening;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.render.DocumentValidator;
import io.modelcatalogbridge.render.Problem;
import io.modelcatalogbridge.render.Renderer;
import io.modelcatalogbridge.render.Renderers;
import io.modelcatalogbridge.storageapi.DocumentGrammar;
import io.modelcatalogbridge.testing.Waits;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/** Runs seeded cases one by one, each under a ceiling (a hang fails it), naming the seed of any failure. */
final class Cases {

    /** Longest one generated case may take before it counts as a hang (stretched by the wait factor). */
    static final Duration PER_CASE = Duration.ofSeconds(20);

    private Cases() {}

    static Stats run(String what, int cases, LongFunction<Stats> oneCase) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-case");
            t.setDaemon(true);
            return t;
        });
        Stats total = Stats.NONE;
        try {
            for (int i = 0; i < cases; i++) {
                long seed = Hostile.BASE_SEED + i;
                Future<Stats> f = worker.submit(() -> oneCase.apply(seed));
                try {
                    total = total.plus(f.get(Waits.scaled(PER_CASE).toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    f.cancel(true);
                    throw new AssertionError(what + ": case with seed " + seed + " hangs (-Dbridge.test.seed=" + seed
                            + " and 1 case reproduces it)");
                } catch (ExecutionException e) {
                    throw new AssertionError(
                            what + ": case with seed " + seed + " failed (-Dbridge.test.seed=" + seed
                                    + " reproduces it): " + e.getCause(),
                            e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return total;
    }

    /**
     * Renders each document in every format: each rendering must pass every check of the validator and be accepted by
     * storage's grammar.
     *
     * @return the documents, counted
     */
    static Stats renderedValidAndAccepted(List<CatalogDocument> documents) {
        for (CatalogDocument d : documents) {
            for (Renderer r : Renderers.all()) {
                byte[] bytes = r.render(d);
                List<Problem> problems = DocumentValidator.validate(r.fileName(), bytes);
                if (DocumentValidator.hasErrors(problems)) {
                    throw new AssertionError(d.key() + " rendered as " + r.formatName() + " fails validation: "
                            + problems.stream().filter(Problem::isError).toList());
                }
                acceptedByStorage(d.key().storageKey(), bytes);
            }
        }
        return Stats.mapped(documents.size());
    }

    /** What storage's API would do with this key and document: accept it, or the grammar is wrong. */
    static void acceptedByStorage(String key, byte[] document) {
        DocumentGrammar.key(key);
        DocumentGrammar.body(Base64.getEncoder().encodeToString(document));
    }
}
