package dev.companion.app.ui.flows;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowInbox;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppViewModel;
import java.util.concurrent.CompletableFuture;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Flows members shared with this terminal, waiting for the person's yes or no (the
 * {@link FlowInbox.Consent} of the session's inbox): the flows pane shows each with Keep and No.
 * Outlives the pane (the window is rebuilt when the language changes). A yes keeps the flow in the
 * library ({@link #keep}, which the inbox calls); a no keeps nothing.
 */
public final class FlowOffers implements FlowInbox.Consent {
    /** One shared flow waiting for an answer. */
    public record Offer(String from, Flow flow, CompletableFuture<Boolean> answer) {
    }

    private final AppViewModel model;
    private final FlowLibrary library;
    /** FX thread only. */
    final ObservableList<Offer> waiting = FXCollections.observableArrayList();

    public FlowOffers(AppViewModel model, FlowLibrary library) {
        this.model = model;
        this.library = library;
    }

    /** Any thread (the link's): shows the offer; the future completes with the person's answer. */
    @Override
    public CompletableFuture<Boolean> ask(String from, Flow flow) {
        Offer o = new Offer(from, flow, new CompletableFuture<>());
        FxThread.run(() -> {
            waiting.add(o);
            model.log(tx -> tx.get("flows.offer", from, flow.name(), flow.steps().size()));
        });
        return o.answer();
    }

    /** FX thread: the person answered o. */
    void answer(Offer o, boolean keep) {
        waiting.remove(o);
        if (!keep) {
            model.log(tx -> tx.get("flows.offer.refused", o.flow().name(), o.from()));
        }
        o.answer().complete(keep);
    }

    /** The inbox's keeper: stores a flow the person said yes to (off the FX thread) and says so. */
    public void keep(Flow flow) {
        library.add(flow).whenComplete((stored, e) -> model.log(tx -> e == null
                ? tx.get("flows.saved", flow.name(), flow.steps().size())
                : FlowWords.failure(tx, e)));
    }
}
