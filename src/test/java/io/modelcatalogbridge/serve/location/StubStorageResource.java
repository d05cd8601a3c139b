package io.modelcatalogbridge.serve.location;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts a {@link StubStorage} for a location test profile and points {@code bridge.location.storage-url} at it.
 * Argument {@code failing=<status>} makes it answer that status until the test heals it. Tests receive it in a
 * field annotated {@link Inject}.
 */
public class StubStorageResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running stub. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {}

    private StubStorage storage;
    private int failing;

    @Override
    public void init(Map<String, String> args) {
        failing = Integer.parseInt(args.getOrDefault("failing", "0"));
    }

    @Override
    public Map<String, String> start() {
        storage = StubStorage.start();
        storage.failWith(failing);
        return Map.of("bridge.location.storage-url", storage.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(storage, new TestInjector.AnnotatedAndMatchesType(Inject.class, StubStorage.class));
    }

    @Override
    public void stop() {
        if (storage != null) {
            storage.close();
        }
    }
}
