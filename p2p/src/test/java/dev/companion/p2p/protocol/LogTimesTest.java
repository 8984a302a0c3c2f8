package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogTimesTest {
    private String show;
    private String format;

    @BeforeEach
    void keep() {
        show = System.getProperty(LogTimes.SHOW);
        format = System.getProperty(LogTimes.FORMAT);
        System.clearProperty(LogTimes.SHOW);
        System.clearProperty(LogTimes.FORMAT);
    }

    @AfterEach
    void restore() {
        set(LogTimes.SHOW, show);
        set(LogTimes.FORMAT, format);
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void linesGetTheDateAndTimeWithTheOffset() {
        LogTimes.onUnlessSet();
        assertThat(System.getProperty(LogTimes.SHOW)).isEqualTo("true");
        String stamp = new SimpleDateFormat(System.getProperty(LogTimes.FORMAT)).format(new Date(0));
        assertThat(stamp).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}");
    }

    @Test
    void theCommandLineDecides() {
        System.setProperty(LogTimes.SHOW, "false");
        LogTimes.onUnlessSet();
        assertThat(System.getProperty(LogTimes.SHOW)).isEqualTo("false");
        assertThat(System.getProperty(LogTimes.FORMAT)).isNull();
    }
}
