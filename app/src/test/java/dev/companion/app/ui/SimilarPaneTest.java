package dev.companion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.companion.app.similar.SiteRules;
import dev.companion.app.ui.similar.SimilarPane;
import dev.companion.p2p.protocol.Messages.SimilarRules;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The similar-actions section on its own (no browser): a rule added and removed with clicks, a bad
 * one refused with the reason, the site's rules shared, and a member's offer taken only on "Use them".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimilarPaneTest extends FxRobot {
    private final List<String> saved = new CopyOnWriteArrayList<>();
    private final List<String> sharedSites = new CopyOnWriteArrayList<>();
    private final SimpleStringProperty url = new SimpleStringProperty("http://shop.example:8080/cart/abc");
    private final SiteRules rules = new SiteRules(java.util.Map.of(), (site, r) -> saved.add(site + "=" + r.size()));

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void show(Locale locale) throws Exception {
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new SimilarPane(new Texts(locale), rules, url, site -> {
                sharedSites.add(site);
                return 2;
            }), 520, 420));
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
    void aRuleIsAddedRemovedAndShared() throws Exception {
        show(Locale.ENGLISH);
        assertThat(text("#similarTitle")).isEqualTo("Similar actions on shop.example");
        clickOn("#similarValue").write("/cart/*");
        clickOn("#similarAdd");
        assertThat(rules.rules("shop.example")).containsExactly(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        assertThat(text("#similarRule-0")).isEqualTo("Per-user path: /cart/*");
        set(() -> lookup("#similarKind").queryAs(ChoiceBox.class).setValue(UrlRuleKind.QUERY_TOKEN));
        clickOn("#similarValue").write("sid");
        clickOn("#similarAdd");
        assertThat(rules.rules("shop.example")).hasSize(2);
        clickOn("#similarShare");
        assertThat(sharedSites).containsExactly("shop.example");
        assertThat(text("#similarShared")).isEqualTo("Sent to 2 members.");
        clickOn("#similarRemove-0");
        assertThat(rules.rules("shop.example")).containsExactly(new UrlRule(UrlRuleKind.QUERY_TOKEN, "sid"));
        assertThat(saved).containsExactly("shop.example=1", "shop.example=2", "shop.example=1");
    }

    @Test
    void aBadRuleIsRefusedWithTheReasonAndNothingIsSaved() throws Exception {
        show(Locale.ENGLISH);
        clickOn("#similarValue").write("//evil.example/*");
        clickOn("#similarAdd");
        assertThat(text("#similarProblem")).isEqualTo("Not a rule: a path_token segment is a literal or *");
        assertThat(lookup("#similarValue").queryAs(TextField.class).getText()).isEqualTo("//evil.example/*");
        assertThat(rules.rules("shop.example")).isEmpty();
        assertThat(saved).isEmpty();
    }

    @Test
    void aMembersOfferIsTakenOnlyWhenThePersonSaysSo() throws Exception {
        show(MainWindow.ZH);
        set(() -> rules.offer(new SimilarRules("g", "alice", "shop.example",
                List.of(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*")))));
        set(() -> rules.offer(new SimilarRules("g", "carol", "shop.example",
                List.of(new UrlRule(UrlRuleKind.DROP_QUERY, "ref")))));
        assertThat(text("#similarOffer-alice-shop_example")).isEqualTo("alice 分享了 shop.example 的规则：个人路径: /cart/*");
        assertThat(rules.rules("shop.example")).isEmpty();
        clickOn("#similarDecline-carol-shop_example");
        clickOn("#similarAccept-alice-shop_example");
        assertThat(rules.rules("shop.example")).containsExactly(new UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*"));
        assertThat(rules.offers()).isEmpty();
        // no web page: nothing to add
        set(() -> url.set("about:blank"));
        assertThat(text("#similarTitle")).isEqualTo("相似操作");
        assertThat(lookup("#similarAdd").queryButton().isDisabled()).isTrue();
    }
}
