package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "2m,120000",
        "30s,30000",
        "1h30m,5400000",
        "500ms,500",
        "1.5h,5400000",
        "0,0",
        "1m30.5s,90500",
        "250us,0",
        "2h0m0s,7200000",
        " 45s ,45000"
    })
    void parsesGoDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GoDuration.parse(text).truncatedTo(ChronoUnit.MILLIS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "120", "2 m", "2x", "m", "1h-5m", "..5s", "PT2M"})
    void rejectsWhatGoRejectsWithAOneLineMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(e.getMessage().contains("30s, 2m, 1h30m"), e.getMessage());
    }

    @Test
    void nanosecondsAndMicrosecondsKeepTheirPrecision() {
        assertEquals(Duration.ofNanos(1500), GoDuration.parse("1us500ns"));
    }
}
