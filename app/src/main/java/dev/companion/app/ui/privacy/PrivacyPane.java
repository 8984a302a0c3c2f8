package dev.companion.app.ui.privacy;

import dev.companion.app.browser.FocusedField;
import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.privacy.Sites;
import dev.companion.app.ui.Texts;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/**
 * Privacy on the site in the browser: what may travel from it ("only what is clearly not
 * sensitive", the default, or "nothing typed on this site"), and for the field that has the focus
 * whether it travels, why not, and a button to share it with the group (or keep it private again).
 * The choices go to {@link SitePrivacy} (kept in the profile in the background, pushed into the
 * open pages); the pane never reads the store.
 */
public final class PrivacyPane extends VBox {
    private final Texts t;
    private final SitePrivacy privacy;
    private final ObservableValue<String> url;
    private final ObservableValue<FocusedField> focused;
    private final Label title = new Label();
    private final RadioButton notSensitive = new RadioButton();
    private final RadioButton nothingTyped = new RadioButton();
    private final Label field = new Label();
    private final Button share = new Button();
    private boolean showing;

    /** url: the page's address; focused: the field with the focus (both read and changed on the FX thread). */
    public PrivacyPane(Texts t, SitePrivacy privacy, ObservableValue<String> url, ObservableValue<FocusedField> focused) {
        this.t = t;
        this.privacy = privacy;
        this.url = url;
        this.focused = focused;
        setSpacing(6);
        setId("privacyPane");
        title.setId("privacyTitle");
        title.getStyleClass().add("section-title");
        ToggleGroup policy = new ToggleGroup();
        notSensitive.setId("privacyNotSensitive");
        notSensitive.setText(t.get("privacy.policy.clear"));
        notSensitive.setToggleGroup(policy);
        nothingTyped.setId("privacyNothingTyped");
        nothingTyped.setText(t.get("privacy.policy.nothing"));
        nothingTyped.setToggleGroup(policy);
        notSensitive.setWrapText(true);
        nothingTyped.setWrapText(true);
        policy.selectedToggleProperty().addListener((o, was, now) -> choose(now == nothingTyped
                ? SitePolicy.NOTHING_TYPED : SitePolicy.NOT_SENSITIVE));
        field.setId("privacyField");
        field.setWrapText(true);
        share.setId("shareFieldButton");
        share.managedProperty().bind(share.visibleProperty());
        share.setOnAction(e -> toggleShared());
        url.addListener((o, was, now) -> show());
        focused.addListener((o, was, now) -> show());
        privacy.onChange(() -> dev.companion.app.thread.FxThread.run(this::show));
        getChildren().addAll(title, notSensitive, nothingTyped, field, share);
        show();
    }

    /**
     * Takes the title ("Privacy on shop.example", kept up to date) out of the pane, for a section
     * header that shows it instead.
     */
    public Label detachTitle() {
        getChildren().remove(title);
        return title;
    }

    private String site() {
        return Sites.siteOf(url.getValue());
    }

    /** Shows the site's policy and the focused field as they are now. */
    private void show() {
        String site = site();
        showing = true;
        try {
            title.setText(site == null ? t.get("privacy.title.none") : t.get("privacy.title", site));
            notSensitive.setDisable(site == null);
            nothingTyped.setDisable(site == null);
            SitePolicy p = privacy.policy(site);
            (p == SitePolicy.NOTHING_TYPED ? nothingTyped : notSensitive).setSelected(true);
        } finally {
            showing = false;
        }
        FocusedField f = focused.getValue();
        if (f == null) {
            field.setText(t.get("privacy.field.none"));
        } else if (f.reason() == null) {
            field.setText(t.get(f.shared() ? "privacy.field.sharedByYou" : "privacy.field.shared"));
        } else {
            field.setText(t.get(f.fixed() ? "privacy.field.fixed" : "privacy.field.private",
                    t.get("privacy.reason." + f.reason())));
        }
        share.setVisible(f != null && f.choosable());
        share.setText(t.get(f != null && f.reason() == null ? "privacy.unshare" : "privacy.share"));
        share.setAccessibleText(share.getText());
    }

    private void choose(SitePolicy p) {
        String site = site();
        if (!showing && site != null && privacy.policy(site) != p) {
            privacy.setPolicy(site, p);
        }
    }

    private void toggleShared() {
        FocusedField f = focused.getValue();
        if (f == null || !f.choosable()) {
            return;
        }
        if (f.reason() == null) {
            privacy.unshare(f.site(), f.selector());
        } else {
            privacy.share(f.site(), f.selector());
        }
    }
}
