package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * KFMR JSON that cannot be read: the message names the file or URL and the position, e.g.
 * {@code registered_models.json: line 3, column 17: Unexpected character ('}' ...)}.
 */
public class KfmrFormatException extends KfmrException {

    private final String origin;

    public KfmrFormatException(String origin, String message, Throwable cause) {
        super(origin + ": " + message, cause);
        this.origin = origin;
    }

    /** The file (relative path) or URL that could not be read. */
    public String origin() {
        return origin;
    }

    /** Turns Jackson's multi-line message into one line with the position and, for mapping errors, the JSON path. */
    public static KfmrFormatException of(String origin, JsonProcessingException e) {
        StringBuilder msg = new StringBuilder();
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            msg.append("line ")
                    .append(loc.getLineNr())
                    .append(", column ")
                    .append(loc.getColumnNr())
                    .append(": ");
        }
        msg.append(firstLine(e.getOriginalMessage()));
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            msg.append(" (at ").append(jsonPath(mapping.getPath())).append(')');
        }
        return new KfmrFormatException(origin, msg.toString(), e);
    }

    static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "malformed JSON";
        }
        String trimmed = text.strip();
        int nl = trimmed.indexOf('\n');
        return (nl < 0 ? trimmed : trimmed.substring(0, nl)).strip();
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
