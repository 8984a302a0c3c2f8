package dev.companion.app.ui.similar;

import dev.companion.app.privacy.Sites;
import dev.companion.app.similar.SiteRules;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages.UrlRule;
import dev.companion.p2p.protocol.UrlRuleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Similar actions on the site in the browser (docs/protocol.md, "Similar actions"): the user's
 * rules for it (which parts of its addresses are per-user or tracking), each with a remove button;
 * a row to add one (kind and value, checked as the wire checks a member's); "share with the group";
 * and the rules members offered, each with accept and decline: nothing a member sends is taken
 * unasked. Changes go to {@link SiteRules} (kept in the profile in the background); the pane never
 * reads the store.
 */
public final class SimilarPane extends VBox {
    private final Texts t;
    private final SiteRules rules;
    private final ObservableValue<String> url;
    private final ToIntFunction<String> share;
    private final Label title = new Label();
    private final VBox list = new VBox(4);
    private final ChoiceBox<UrlRuleKind> kind = new ChoiceBox<>();
    private final TextField value = new TextField();
    private final Button add = new Button();
    private final Label problem = new Label();
    private final Button shareButton = new Button();
    private final Label shared = new Label();
    private final VBox offers = new VBox(6);

    /**
     * url: the page's address (read on the FX thread); share: sends the site's rules to the group
     * and returns to how many members (called on the FX thread; it only queues the sending).
     */
    public SimilarPane(Texts t, SiteRules rules, ObservableValue<String> url, ToIntFunction<String> share) {
        this.t = t;
        this.rules = rules;
        this.url = url;
        this.share = share;
        setSpacing(6);
        setId("similarPane");
        title.setId("similarTitle");
        title.getStyleClass().add("section-title");
        list.setId("similarRules");
        kind.setId("similarKind");
        kind.getItems().addAll(UrlRuleKind.values());
        kind.setValue(UrlRuleKind.PATH_TOKEN);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(UrlRuleKind k) {
                return k == null ? "" : t.get("similar.kind." + k.wire());
            }

            @Override
            public UrlRuleKind fromString(String s) {
                return null;
            }
        });
        kind.setAccessibleText(t.get("similar.kind"));
        kind.valueProperty().addListener((o, was, now) -> value.setPromptText(t.get("similar.example." + now.wire())));
        value.setId("similarValue");
        value.setPromptText(t.get("similar.example." + UrlRuleKind.PATH_TOKEN.wire()));
        value.setAccessibleText(t.get("similar.value"));
        value.setOnAction(e -> add());
        HBox.setHgrow(value, Priority.ALWAYS);
        add.setId("similarAdd");
        add.setMinWidth(Region.USE_PREF_SIZE); // the value field gives way, never the button's word
        add.setText(t.get("similar.add"));
        add.setOnAction(e -> add());
        problem.setId("similarProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("error");
        problem.managedProperty().bind(problem.visibleProperty());
        shareButton.setId("similarShare");
        shareButton.setText(t.get("similar.share"));
        shareButton.setOnAction(e -> {
            String site = site();
            shared.setText(site == null ? "" : t.get("similar.shared", share.applyAsInt(site)));
        });
        shared.setId("similarShared");
        offers.setId("similarOffers");
        url.addListener((o, was, now) -> show());
        rules.addListener(() -> FxThread.run(this::show));
        getChildren().addAll(title, list, new HBox(6, kind, value, add), problem, new HBox(6, shareButton, shared), offers);
        show();
    }

    private String site() {
        return Sites.siteOf(url.getValue());
    }

    private void show() {
        String site = site();
        title.setText(site == null ? t.get("similar.title.none") : t.get("similar.title", site));
        boolean none = site == null;
        kind.setDisable(none);
        value.setDisable(none);
        add.setDisable(none);
        shareButton.setDisable(none || rules.rules(site).isEmpty());
        problem.setVisible(false);
        list.getChildren().clear();
        List<UrlRule> mine = rules.rules(site);
        if (!none && mine.isEmpty()) {
            list.getChildren().add(new Label(t.get("similar.noRules")));
        }
        for (int i = 0; i < mine.size(); i++) {
            UrlRule r = mine.get(i);
            Label words = new Label(describe(r));
            words.setId("similarRule-" + i);
            words.setWrapText(true);
            Button remove = new Button(t.get("similar.remove"));
            remove.setMinWidth(Region.USE_PREF_SIZE);
            remove.setId("similarRemove-" + i);
            remove.setAccessibleText(t.get("similar.remove") + " " + describe(r));
            remove.setOnAction(e -> {
                List<UrlRule> next = new ArrayList<>(rules.rules(site));
                next.remove(r);
                rules.set(site, next);
            });
            HBox.setHgrow(words, Priority.ALWAYS);
            list.getChildren().add(new HBox(6, words, remove));
        }
        offers.getChildren().clear();
        for (SiteRules.Offer o : rules.offers()) {
            Label words = new Label(t.get("similar.offer", o.from(), o.site(),
                    String.join("; ", o.rules().stream().map(this::describe).toList())));
            words.setWrapText(true);
            words.setId("similarOffer-" + idOf(o));
            Button yes = new Button(t.get("similar.accept"));
            yes.setId("similarAccept-" + idOf(o));
            yes.setOnAction(e -> decide(o, true));
            Button no = new Button(t.get("similar.decline"));
            no.setId("similarDecline-" + idOf(o));
            no.setOnAction(e -> decide(o, false));
            offers.getChildren().addAll(words, new HBox(6, yes, no));
        }
    }

    /** A node id for an offer (CSS-safe: a site's dots would read as classes). */
    private static String idOf(SiteRules.Offer o) {
        return (o.from() + "-" + o.site()).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private String describe(UrlRule r) {
        return t.get("similar.kind." + r.kind().wire()) + ": " + r.value();
    }

    private void add() {
        String site = site();
        if (site == null || kind.getValue() == null) {
            return;
        }
        try {
            List<UrlRule> next = new ArrayList<>(rules.rules(site));
            next.add(new UrlRule(kind.getValue(), value.getText().strip()));
            rules.set(site, next);
            value.clear();
        } catch (RuntimeException e) { // the wire's checks: the same limits for the user's rules as for a member's
            problem.setText(t.get("similar.bad", e.getMessage()));
            problem.setVisible(true);
        }
    }

    private void decide(SiteRules.Offer o, boolean accept) {
        try {
            rules.decide(o, accept);
        } catch (IllegalArgumentException e) {
            problem.setText(t.get("similar.bad", e.getMessage()));
            problem.setVisible(true);
        }
    }
}
