package dev.companion.app.ui.guide;

import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.BotReply;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The guide panel: what the bot that leads says, in this window's language (the bundle's
 * {@code guide.say.<key>} with the step numbers), the flow's hint for the step as plain text in a
 * label (never markup, never a web view), in large type; and the person's answers while the bot
 * waits for them -- Retry, I did it, Back one step (Alt+R, Alt+I, Alt+B; Tab reaches each). Taken
 * out of the layout while no bot speaks to this window's group.
 */
public final class GuidePane extends VBox {
    private final GuideModel guide;
    private final Texts t;
    private final Supplier<String> page;
    private final Function<Messages.Expect, CompletableFuture<Boolean>> check;
    private final Label title = new Label();
    private final Label words = new Label();
    private final Label hint = new Label();
    private final Label notice = new Label();
    private final Button retry;
    private final Button didIt;
    private final Button back;
    // held strongly here, registered weakly: a panel replaced by a language switch can be collected
    // an invalidation, not a change: the bot saying the same words again (stuck again) is news too
    private final InvalidationListener onSaid = o -> show();

    /**
     * page: this window's top page URL (sent with "I did it" so the bot can check where the step
     * leads); check: this window's page agent's check of an expectation's element and text (the
     * browser view's), asked before "I did it" goes when the bot's words expect either.
     */
    public GuidePane(Texts t, GuideModel guide, Supplier<String> page, Function<Messages.Expect, CompletableFuture<Boolean>> check) {
        this.t = t;
        this.guide = guide;
        this.page = page;
        this.check = check;
        setId("guidePane");
        getStyleClass().add("guide-box");
        setSpacing(8);
        title.setId("guideTitle");
        title.getStyleClass().add("section-title");
        words.setId("guideWords");
        words.getStyleClass().add("guide-words");
        words.setWrapText(true);
        words.setAccessibleRole(AccessibleRole.TEXT);
        hint.setId("guideHint");
        hint.getStyleClass().add("guide-hint");
        hint.setWrapText(true);
        notice.setId("guideNotice");
        notice.getStyleClass().add("hint");
        notice.setWrapText(true);
        retry = button("guideRetry", "guide.retry", BotReply.RETRY);
        didIt = button("guideDidIt", "guide.didIt", BotReply.DID_IT);
        back = button("guideBack", "guide.back", BotReply.BACK);
        FlowPane buttons = new FlowPane(8, 6, retry, didIt, back);
        getChildren().addAll(title, words, hint, buttons, notice);
        guide.said.addListener(new WeakInvalidationListener(onSaid));
        show();
    }

    private Button button(String id, String key, BotReply reply) {
        Button b = new Button(t.get(key));
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setAccessibleText(t.get(key + ".help"));
        b.setWrapText(true);
        b.setOnAction(e -> answer(reply));
        return b;
    }

    private void answer(BotReply reply) {
        notice.setText("");
        setButtons(false); // until the bot speaks again: one answer per thing it said
        guide.answer(reply, page.get(), check).whenComplete((ok, error) -> FxThread.run(() -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                String code = cause instanceof ProtocolException p ? p.code().name() : cause.getClass().getSimpleName();
                notice.setText(t.get("guide.refused", code));
                setButtons(guide.waitsForAnswer());
            }
        }));
    }

    private void show() {
        Messages.BotSays s = guide.said.get();
        setVisible(s != null);
        setManaged(s != null);
        notice.setText("");
        if (s == null) {
            return;
        }
        title.setText(t.get("guide.title", s.from()));
        words.setText(t.get("guide.say." + s.say().wire(), s.step(), s.steps()));
        hint.setText(s.hint() == null ? "" : s.hint());
        hint.setVisible(s.hint() != null);
        hint.setManaged(s.hint() != null);
        setButtons(guide.waitsForAnswer());
        back.setDisable(back.isDisable() || s.step() <= 1);
    }

    private void setButtons(boolean on) {
        retry.setDisable(!on);
        didIt.setDisable(!on);
        back.setDisable(!on);
    }
}
