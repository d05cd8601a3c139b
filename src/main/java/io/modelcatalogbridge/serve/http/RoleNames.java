package io.modelcatalogbridge.serve.http;

/**
 * The roles' names as compile-time constants: the subcommands, the {@code app.role} values, the path prefix of each
 * role's resources and the keys of {@code bridge.http.auth.<role>}. They live here, among the HTTP pieces every role
 * shares, so that the serve packages (which may not import {@code role}) and annotations ({@code @Path},
 * {@code @Command(name = …)}, {@code @LookupIfProperty}) can name them; {@code role.RoleName} is the enum built on
 * them.
 */
public final class RoleNames {
    public static final String NORMALIZER = "normalizer";
    public static final String STORAGE = "storage";
    public static final String LOCATION = "location";
    public static final String RUN = "run";

    /** Config key holding the active role's name; set by {@code cli.Main} before Quarkus starts. */
    public static final String PROPERTY = "app.role";

    private RoleNames() {}
}
