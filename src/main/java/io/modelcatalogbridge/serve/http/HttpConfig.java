package io.modelcatalogbridge.serve.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Settings of the HTTP pieces shared by the roles. */
@ConfigMapping(prefix = "bridge.http")
public interface HttpConfig {

    /** Largest request body accepted; larger bodies get 413 with a JSON error. */
    @WithDefault("8M")
    MemorySize maxBodySize();

    /**
     * Static bearer tokens per role path prefix ({@code storage}, {@code location}, …): when a role's token is set,
     * every request to that role except health needs {@code Authorization: Bearer <token>}.
     */
    Map<String, RoleAuth> auth();

    /** Authentication of one role. */
    interface RoleAuth {
        /** The static token; unset means the role's endpoints need no token. */
        Optional<String> token();
    }
}
