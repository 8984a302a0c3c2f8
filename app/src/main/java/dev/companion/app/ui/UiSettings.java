package dev.companion.app.ui;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The window's own settings: read from the profile before the window is built (off the FX thread)
 * and saved through saver, which the app runs in the background: the UI never touches SQLite.
 */
public final class UiSettings {
    public static final String LARGE_TEXT = "ui.largeText";
    public static final String LANGUAGE = "ui.language";
    /** The control center the person chose in the sign-in form ("host:port"); the next start goes there. */
    public static final String CONTROL_CENTER = "ui.controlCenter";

    private final BiConsumer<String, String> saver;
    private volatile boolean largeText;

    /** largeText: the stored value (or the command line's); saver(key, value) stores one setting. */
    public UiSettings(boolean largeText, BiConsumer<String, String> saver) {
        this.largeText = largeText;
        this.saver = saver;
    }

    public boolean largeText() {
        return largeText;
    }

    public void saveLargeText(boolean on) {
        largeText = on;
        saver.accept(LARGE_TEXT, Boolean.toString(on));
    }

    public void saveLanguage(Locale language) {
        saver.accept(LANGUAGE, language.toLanguageTag());
    }

    public void saveControlCenter(String hostPort) {
        saver.accept(CONTROL_CENTER, hostPort);
    }
}
