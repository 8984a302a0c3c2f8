package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.browser.FocusedField;
import dev.companion.app.privacy.RecordingStore;
import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.ui.privacy.PrivacyPane;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The privacy section of the sidebar on its own (no browser): the site's policy chosen with a click,
 * the focused field explained, and "share this field with the group" for a field kept private by
 * evidence — never for a password.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivacyPaneTest extends FxRobot {
    private final RecordingStore store = new RecordingStore();
    private final List<String> saved = store.saved;
    private final SimpleStringProperty url = new SimpleStringProperty("http://shop.example:8080/pay");
    private final SimpleObjectProperty<FocusedField> focused = new SimpleObjectProperty<>();
    private SitePrivacy privacy;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void show(Locale locale) throws Exception {
        privacy = new SitePrivacy(SitePrivacy.Rules.NONE, store);
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new PrivacyPane(new Texts(locale), privacy, url, focused), 420, 360));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void set(Runnable change) {
        WaitForAsyncUtils.asyncFx(change);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) {
        return lookup(id).queryLabeled().getText();
    }

    @Test
    void theSitesPolicyIsOneClick() throws Exception {
        show(Locale.ENGLISH);
        assertThat(text("#privacyTitle")).isEqualTo("Privacy on shop.example");
        assertThat(lookup("#privacyNotSensitive").queryAs(RadioButton.class).isSelected()).isTrue();
        clickOn("#privacyNothingTyped");
        assertThat(privacy.policy("shop.example")).isEqualTo(SitePolicy.NOTHING_TYPED);
        assertThat(saved).containsExactly("shop.example=nothing");
        // Another site in the browser: its own policy shows, nothing is saved by showing it.
        set(() -> url.set("https://news.example/"));
        assertThat(text("#privacyTitle")).isEqualTo("Privacy on news.example");
        assertThat(lookup("#privacyNotSensitive").queryAs(RadioButton.class).isSelected()).isTrue();
        set(() -> url.set("http://shop.example:8080/cart"));
        assertThat(lookup("#privacyNothingTyped").queryAs(RadioButton.class).isSelected()).isTrue();
        clickOn("#privacyNotSensitive");
        assertThat(privacy.policy("shop.example")).isEqualTo(SitePolicy.NOT_SENSITIVE);
        // No web page: nothing to choose.
        set(() -> url.set("about:blank"));
        assertThat(text("#privacyTitle")).isEqualTo("Privacy");
        assertThat(lookup("#privacyNothingTyped").queryAs(RadioButton.class).isDisabled()).isTrue();
        assertThat(saved).containsExactly("shop.example=nothing", "shop.example=clear");
    }

    @Test
    void aFieldKeptPrivateByEvidenceCanBeSharedAndTakenBack() throws Exception {
        show(Locale.ENGLISH);
        assertThat(text("#privacyField")).startsWith("Click into a field");
        assertThat(lookup("#shareFieldButton").queryAs(Button.class).isVisible()).isFalse();
        set(() -> focused.set(new FocusedField("shop.example", "", "#member", "card", false, false)));
        assertThat(text("#privacyField")).isEqualTo("This field stays on your screen: payment card details.");
        assertThat(text("#shareFieldButton")).isEqualTo("Share this field with the group");
        clickOn("#shareFieldButton");
        assertThat(privacy.sharedFields("shop.example")).containsExactly("#member");
        // The page agent reports the field again, now shared by the user.
        set(() -> focused.set(new FocusedField("shop.example", "", "#member", null, true, false)));
        assertThat(text("#privacyField")).isEqualTo("You share this field with the group.");
        clickOn("#shareFieldButton");
        assertThat(privacy.sharedFields("shop.example")).isEmpty();
        assertThat(saved).containsExactly("shop.example+#member", "shop.example-#member");
    }

    @Test
    void aPasswordOrANothingTypedSiteOffersNoChoice() throws Exception {
        show(MainWindow.ZH);
        set(() -> focused.set(new FocusedField("shop.example", "", "#pw", "password", false, true)));
        assertThat(text("#privacyField")).isEqualTo("此输入框的内容始终只留在你的屏幕上：密码。");
        assertThat(lookup("#shareFieldButton").queryAs(Button.class).isVisible()).isFalse();
        set(() -> focused.set(new FocusedField("shop.example", "", "#q", null, false, false)));
        assertThat(lookup("#privacyField").queryAs(Label.class).getText()).isEqualTo("在此输入框输入的内容会分享给同伴。");
        assertThat(lookup("#shareFieldButton").queryAs(Button.class).isVisible()).isFalse();
        assertThat(saved).isEmpty();
    }
}
