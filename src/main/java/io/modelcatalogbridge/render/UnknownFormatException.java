package io.modelcatalogbridge.render;

/** A format name that no renderer has; the message lists the supported names. */
public class UnknownFormatException extends IllegalArgumentException {
    public UnknownFormatException(String message) {
        super(message);
    }
}
