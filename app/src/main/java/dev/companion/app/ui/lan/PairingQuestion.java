package dev.companion.app.ui.lan;

import static dev.companion.app.ui.lan.PaneParts.shown;
import static dev.companion.app.ui.lan.PaneParts.wrapped;

import dev.companion.app.session.LanSession;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One pairing waiting for this person, in {@link LanPairPane}: who asks (or whom they ask), the
 * pair's code to compare with the other screen, what the profile knows of the other terminal, and
 * Confirm or Decline. A certificate that changed since the pairing shows a warning whose box must be
 * ticked before Confirm does anything — on the asked side at once, on the asking side once the answer
 * told it (then Confirm becomes "Ask again"). FX thread only; the pairing's futures end on the session's.
 */
final class PairingQuestion extends VBox {

    private final Texts t;
    private final StatusLine status;
    private final Runnable onPaired;
    private final Label who = new Label();
    private final Label code = new Label();
    private final Label trust = new Label();
    private final CheckBox acceptChanged = new CheckBox();
    private final Button confirm = new Button();
    private final Button decline = new Button();
    private LanSession.Pending current;
    /** The asking side's last ask, to ask again after the warning. */
    private Runnable askAgain;

    PairingQuestion(Texts t, StatusLine status, Runnable onPaired) {
        super(6);
        this.t = t;
        this.status = status;
        this.onPaired = onPaired;
        who.setId("lanWho");
        wrapped(who);
        code.setId("lanCode");
        code.getStyleClass().add("section-title");
        trust.setId("lanTrust");
        wrapped(trust);
        acceptChanged.setId("lanAcceptChanged");
        acceptChanged.setText(t.get("lan.changed.accept"));
        acceptChanged.setWrapText(true);
        acceptChanged.setMinHeight(Region.USE_PREF_SIZE);
        confirm.setId("lanConfirm");
        confirm.getStyleClass().add("primary");
        confirm.setOnAction(e -> confirm());
        decline.setId("lanDecline");
        decline.setText(t.get("lan.decline"));
        decline.setOnAction(e -> decline());
        getChildren().addAll(who, code, trust, acceptChanged, new HBox(8, confirm, decline));
        setId("lanPending");
        getStyleClass().add("group-box");
        shown(this, false);
        shown(trust, false);
        shown(acceptChanged, false);
    }

    /** What Ask again does on the asking side (the pane's last ask). */
    void askAgain(Runnable again) {
        askAgain = again;
    }

    /** A pairing waiting for this person: who, the code, and — asked side — what the profile knows of them. */
    void show(LanSession.Pending p) {
        if (current != null && current != p) {
            current.decline(); // one pairing at a time: the newer one replaces a question left open
        }
        current = p;
        String other = p.name() == null ? t.get("lan.someone") : p.name();
        who.setText(p.asking() ? t.get("lan.youAsk", other) : t.get("lan.asksYou", other));
        code.setText(p.code());
        code.setAccessibleText(t.get("lan.code", p.code()));
        shown(trust, p.pairedBefore() || p.certificateChanged());
        trust.getStyleClass().remove("error");
        if (p.pairedBefore()) {
            trust.setText(t.get("lan.known.long", other));
        } else if (p.certificateChanged()) {
            changed(other);
        }
        boolean accepting = acceptChanged.isSelected() && p.asking(); // asking again after the warning
        shown(acceptChanged, p.certificateChanged() || accepting);
        if (!accepting) {
            acceptChanged.setSelected(false);
        }
        confirm.setText(t.get("lan.confirm"));
        confirm.disableProperty().unbind();
        confirm.disableProperty().bind(acceptChanged.visibleProperty().and(acceptChanged.selectedProperty().not()));
        decline.setDisable(false);
        setVisible(true);
        status.say("lan.compare");
        confirm.requestFocus();
    }

    private void changed(String other) {
        trust.setText(t.get("lan.changed", other));
        trust.setAccessibleText(trust.getText());
        trust.getStyleClass().add("error");
        shown(trust, true);
    }

    private void confirm() {
        LanSession.Pending p = current;
        if (p == null) {
            if (askAgain != null && acceptChanged.isSelected()) {
                askAgain.run(); // the asking side read the warning: ask again, then confirm as usual
            }
            return;
        }
        confirm.disableProperty().unbind();
        confirm.setDisable(true);
        decline.setDisable(true);
        status.say(p.asking() ? "lan.waiting" : "lan.joining", p.name() == null ? t.get("lan.someone") : p.name());
        p.confirm(acceptChanged.isSelected()).whenComplete((g, e) -> FxThread.run(() -> {
            if (current == p) {
                current = null;
            }
            if (e == null) {
                setVisible(false);
                acceptChanged.setSelected(false);
                status.say("lan.paired");
                onPaired.run();
                return;
            }
            Throwable c = AppActions.cause(e);
            if (c instanceof LanSession.CertificateChanged cc && p.asking()) {
                // learnt from the answer: nothing was formed; the person may read the warning and ask again
                changed(cc.who());
                shown(acceptChanged, true);
                acceptChanged.setSelected(false);
                confirm.setText(t.get("lan.askAgain"));
                confirm.disableProperty().bind(acceptChanged.selectedProperty().not());
                decline.setDisable(false);
                status.fail("lan.changed.refused");
                return;
            }
            setVisible(false);
            status.fail("lan.notPaired", AppActions.message(c));
        }));
    }

    private void decline() {
        LanSession.Pending p = current;
        current = null;
        askAgain = null;
        if (p != null) {
            p.decline();
        }
        setVisible(false);
        acceptChanged.setSelected(false);
        status.say("lan.declined");
    }

}
