package io.modelcatalogbridge.serve.location.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a location endpoint when authentication is configured; read by {@link AccessFilter}. Declared on
 * each resource method (or its class) so the rule sits next to the endpoint instead of in a path table.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {

    Level value();

    /** What a caller must present. */
    enum Level {
        /** A Backstage plugin token or the static token. */
        READ,
        /** Like {@link #READ}, unless model cards are configured as open (the default: TechDocs readers send no token). */
        MODEL_CARD,
        /** The static token only: storage's pushes. A plugin token never allows writes. */
        WRITE
    }
}
