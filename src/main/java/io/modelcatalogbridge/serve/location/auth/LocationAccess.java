package io.modelcatalogbridge.serve.location.auth;

import io.modelcatalogbridge.backstage.auth.PluginTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The access decision for one request, from the {@code Authorization} header and the endpoint's {@link Access}
 * level. Without any configured credential every request is allowed (the Go bridge had no authentication; the role
 * warns once at start-up).
 */
public final class LocationAccess {

    /**
     * Allowed (and whether by a Backstage plugin token), or refused; the reason is for the log and never contains
     * the token.
     */
    public record Decision(boolean allowed, boolean pluginToken, String reason) {
        static Decision allow(String reason) {
            return new Decision(true, false, reason);
        }

        static Decision deny(String reason) {
            return new Decision(false, false, reason);
        }
    }

    private static final String BEARER = "bearer ";

    private final Optional<PluginTokenVerifier> pluginTokens;
    private final Optional<byte[]> staticToken;
    private final boolean openModelCards;

    public LocationAccess(
            Optional<PluginTokenVerifier> pluginTokens, Optional<String> staticToken, boolean openModelCards) {
        this.pluginTokens = Objects.requireNonNull(pluginTokens, "pluginTokens");
        this.staticToken = staticToken.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.openModelCards = openModelCards;
    }

    /** Whether any credential is configured. */
    public boolean enabled() {
        return pluginTokens.isPresent() || staticToken.isPresent();
    }

    /** One line for the start-up log of a location that storage pushes to over HTTP. */
    public String describe() {
        return describe(true);
    }

    /**
     * One line for the start-up log.
     *
     * @param pushedOverHttp whether storage pushes changes over HTTP (separate processes); {@code run} hands them
     *                       over in process, where no token is involved
     */
    public String describe(boolean pushedOverHttp) {
        if (!enabled()) {
            return "no authentication: every caller may read, and push to, location";
        }
        StringBuilder sb = new StringBuilder("accepting ");
        pluginTokens.ifPresent(v -> sb.append("Backstage plugin tokens for audience '")
                .append(v.audience())
                .append("'"));
        if (staticToken.isPresent()) {
            sb.append(pluginTokens.isPresent() ? " and " : "").append("the static token");
        } else if (pushedOverHttp) {
            sb.append("; no static token, so storage's pushes are refused and documents arrive by reload only");
        } else {
            sb.append("; storage hands documents over in process, so no token is needed for them");
        }
        sb.append(openModelCards ? "; model cards are open" : "; model cards need a token");
        return sb.toString();
    }

    /**
     * Whether {@link #decide} may block for this request: a plugin token it has not verified before costs a
     * signature check and possibly a JWKS read. Every other decision is a comparison in memory.
     */
    public boolean mayBlock(Access.Level level, String authorizationHeader) {
        if (pluginTokens.isEmpty()
                || level == Access.Level.WRITE
                || (level == Access.Level.MODEL_CARD && openModelCards)) {
            return false;
        }
        Optional<String> token = bearer(authorizationHeader);
        return token.isPresent()
                && !matchesStatic(token.get())
                && !pluginTokens.get().remembers(token.get());
    }

    public Decision decide(Access.Level level, String authorizationHeader) {
        if (!enabled()) {
            return Decision.allow("authentication off");
        }
        if (level == Access.Level.MODEL_CARD && openModelCards) {
            return Decision.allow("open model cards");
        }
        Optional<String> token = bearer(authorizationHeader);
        if (token.isEmpty()) {
            return Decision.deny("no bearer token");
        }
        if (matchesStatic(token.get())) {
            return Decision.allow("static token");
        }
        if (level == Access.Level.WRITE) {
            return Decision.deny("pushes need the static token");
        }
        if (pluginTokens.isEmpty()) {
            return Decision.deny("token does not match");
        }
        PluginTokenVerifier.Result r = pluginTokens.get().verify(token.get());
        if (!r.valid()) {
            return Decision.deny("plugin token refused: " + r.reason());
        }
        return new Decision(true, true, "plugin token" + (r.subject() == null ? "" : " (sub " + r.subject() + ")"));
    }

    private boolean matchesStatic(String token) {
        // Constant-time comparison: the static token is a shared secret.
        return staticToken.isPresent()
                && MessageDigest.isEqual(staticToken.get(), token.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> bearer(String header) {
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
