package io.modelcatalogbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpochMillisTest {

    static final long NOW = 1_750_000_000_000L;
    static final EpochMillis TIMES =
            new EpochMillis(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofHours(1));

    @Test
    void epochMillisecondsUpToTheSkewAreTimes() {
        assertEquals(0, TIMES.parse("0"));
        assertEquals(1740498237116L, TIMES.parse("1740498237116"));
        assertEquals(NOW + 3_600_000, TIMES.parse(Long.toString(NOW + 3_600_000)));
        assertEquals(5, TIMES.parse("0000000000005"), "leading zeros within 13 digits are still digits");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-5",
                "+1000000000001",
                "01000000000001",
                "9223372036854775807",
                "١٧٥٠٠٠٠٠٠٠٠٠٠", // Arabic-Indic digits
                "１７５０００００００００", // full-width digits
                " 1750000000000",
                "1750000000000 ",
                "1.7e12",
                "0x1F",
                ""
            })
    void anythingElseIsRefusedWithAMessageNamingTheRule(String text) {
        EpochMillis.InvalidTimestampException e =
                assertThrows(EpochMillis.InvalidTimestampException.class, () -> TIMES.parse(text));
        assertTrue(e.getMessage().startsWith("lastUpdateTimeSinceEpoch"), e.getMessage());
        assertTrue(TIMES.tryParse(text).isEmpty());
    }

    @Test
    void theFutureIsLimitedByTheSkew() {
        String tooLate = Long.toString(NOW + 3_600_001);
        String message = TIMES.problem(tooLate);
        assertTrue(message.contains("more than 1 h in the future"), message);
        assertEquals(9_999_999_999_999L, EpochMillis.parseDigits("9999999999999"), "syntax alone allows it");
        assertTrue(TIMES.tryParse("9999999999999").isEmpty(), "the clock does not");
        assertNull(TIMES.problem("1"));
    }

    @Test
    void theLargestValidTimePlusOneCannotOverflow() {
        assertTrue(EpochMillis.parseDigits("9999999999999") + 1 > 0);
    }

    @Test
    void aNegativeSkewIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> EpochMillis.system(Duration.ofSeconds(-1)));
    }
}
