package dev.companion.app.ui.usage;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.Messages;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * "My usage": this user's own counts of the last 7 days (UTC) as the control center keeps them —
 * sign-ins, groups formed, minutes in groups, actions led and followed; one line a day.
 */
public final class UsagePane extends VBox {
    private final Texts t;
    private final VBox days = new VBox(2);

    public UsagePane(AppViewModel model, AppActions actions) {
        this.t = model.texts();
        setId("usagePane");
        setSpacing(4);
        Label title = new Label(t.get("usage.title"));
        title.getStyleClass().add("section-title");
        Button show = new Button(t.get("usage.show"));
        show.setId("showUsage");
        show.setOnAction(e -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            actions.attempt(() -> actions.session().usage().mine(today.minusDays(6).toString(), today.toString()),
                    this::shown, model::failed);
        });
        days.setId("usageDays");
        getChildren().addAll(title, show, days);
    }

    private void shown(Messages.Usage usage) {
        days.getChildren().clear();
        if (usage.days().isEmpty()) {
            days.getChildren().add(hint(t.get("usage.none")));
        }
        for (Messages.UsageDay d : usage.days()) {
            days.getChildren().add(hint(t.get("usage.row", d.day(), d.signIns(), d.groupsFormed(),
                    d.groupSeconds() / 60, d.actionsLed(), d.actionsFollowed())));
        }
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }
}
