package dev.companion.app.ui.flows;

import dev.companion.app.ui.Texts;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The flows members shared, each with its sender, name and steps, Keep it and No, thanks. */
final class OffersPane extends VBox {
    private final Texts t;
    private final FlowOffers offers;
    private final ListChangeListener<FlowOffers.Offer> onChange = c -> show(); // held here: the list holds it weakly

    OffersPane(Texts t, FlowOffers offers) {
        this.t = t;
        this.offers = offers;
        setId("flowOffers");
        setSpacing(6);
        offers.waiting.addListener(new WeakListChangeListener<>(onChange));
        show();
    }

    private void show() {
        getChildren().clear();
        for (FlowOffers.Offer o : offers.waiting) {
            Label what = new Label(t.get("flows.offer", o.from(), o.flow().name(), o.flow().steps().size()));
            what.setId("offer-" + o.from());
            what.setWrapText(true);
            what.getStyleClass().add("group-status");
            what.setAccessibleText(what.getText());
            Button keep = FlowWords.button(t, "keepOffer-" + o.from(), "flows.offer.keep", () -> offers.answer(o, true));
            keep.getStyleClass().add("primary");
            Button no = FlowWords.button(t, "refuseOffer-" + o.from(), "flows.offer.no", () -> offers.answer(o, false));
            getChildren().add(new VBox(4, what, new HBox(8, keep, no)));
        }
        setVisible(!offers.waiting.isEmpty());
        setManaged(isVisible());
    }
}
