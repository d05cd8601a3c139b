package io.modelcatalogbridge.storageapi;

import java.util.OptionalLong;

/**
 * {@code lastUpdateTimeSinceEpoch} as the storage API carries it: epoch milliseconds written as decimal digits
 * (KFMR and the Go bridge send strings). One small parser so that storage's grammar and the stale check read times
 * alike; issue 10's timestamp work is meant to take this class over.
 */
final class EpochMillis {

    private EpochMillis() {}

    /** The value of 1 to 19 decimal digits that fits a {@code long}; empty for anything else (signs, blanks). */
    static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
