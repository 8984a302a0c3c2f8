package dev.companion.app.ui.lan;

import static dev.companion.app.ui.lan.PaneParts.shown;
import static dev.companion.app.ui.lan.PaneParts.wrapped;

import dev.companion.app.session.LanSession;
import dev.companion.app.session.SessionListener;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.lan.LanDiscovery;
import dev.companion.p2p.protocol.LanBeacon;
import dev.companion.p2p.protocol.Messages;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * "Pair with someone nearby", with no control center (docs/network.md): the person gives the name
 * others see and starts looking; the Companions whose beacons this terminal hears are listed (name,
 * address, "paired before"), refreshed each second; picking one — or typing "address:port" — shows
 * the pair's code, to compare with the other screen, then Confirm or Decline. The asked side sees
 * the same code and what the profile knows of the asker; a terminal whose certificate changed since
 * the pairing shows a warning that must be ticked as read before Confirm works, and the asking side
 * learns it only from the answer (then it may ask again, accepting the warning): {@link PairingQuestion}. Sockets and the
 * profile are touched only through {@link Nearby} and the session's futures, never on the FX thread.
 */
public final class LanPairPane extends VBox implements SessionListener {
    private final Texts t;
    private final Nearby nearby;
    private final TextField name = new TextField();
    private final Button start = new Button();
    private final StatusLine status;
    private final ListView<LanDiscovery.Found> heard = new ListView<>();
    private final Button pair = new Button();
    private final TextField address = new TextField();
    private final PairingQuestion pending;
    private final Label groupLine = new Label();
    private final Button leave = new Button();
    private final HBox groupBox;
    private final Timeline refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    private Nearby.Started started; // FX thread, as everything below
    private Set<String> known = Set.of();
    /** This terminal's own certificate: its own beacon is not listed. */
    private String mine;

    public LanPairPane(Texts t, Nearby nearby, Supplier<String> presetName) {
        this.t = t;
        this.nearby = nearby;
        setId("lanPairPane");
        setSpacing(6);
        Label hint = wrapped(new Label(t.get("lan.hint")));
        hint.getStyleClass().add("hint");
        Label nameLabel = wrapped(new Label(t.get("lan.name")));
        nameLabel.setLabelFor(name);
        name.setId("lanName");
        name.setText(presetName.get() == null ? "" : presetName.get());
        name.setAccessibleText(t.get("lan.name"));
        start.setId("lanStart");
        start.setText(t.get("lan.start"));
        start.setWrapText(true);
        start.getStyleClass().add("primary");
        start.setOnAction(e -> start());
        start.managedProperty().bind(start.visibleProperty());
        name.setOnAction(e -> start());
        status = new StatusLine(t, "lanStatus");
        PaneParts.heardList(heard, "lanHeard", t.get("lan.heard"), t.get("lan.nobody"), this::describe, this::pairWithPicked);
        pair.setId("lanPair");
        pair.setText(t.get("lan.pair"));
        pair.disableProperty().bind(heard.getSelectionModel().selectedItemProperty().isNull());
        pair.setOnAction(e -> pairWithPicked());
        address.setId("lanAddress");
        address.setPromptText(t.get("lan.address.prompt"));
        address.setAccessibleText(t.get("lan.address"));
        address.setOnAction(e -> askAddress());
        Button askAddress = new Button(t.get("lan.address.ask"));
        askAddress.setId("lanAskAddress");
        askAddress.setOnAction(e -> askAddress());
        HBox.setHgrow(address, Priority.ALWAYS);
        Label addressLabel = wrapped(new Label(t.get("lan.address")));
        addressLabel.setLabelFor(address);
        VBox looking = new VBox(6, heard, pair, addressLabel, new HBox(6, address, askAddress));
        looking.visibleProperty().bind(start.visibleProperty().not());
        looking.managedProperty().bind(looking.visibleProperty());
        pending = new PairingQuestion(t, status, this::loadKnown);
        groupLine.setId("lanGroup");
        wrapped(groupLine);
        HBox.setHgrow(groupLine, Priority.ALWAYS);
        leave.setId("lanLeave");
        leave.setText(t.get("lan.leave"));
        leave.setOnAction(e -> {
            LanSession s = nearby.session();
            if (s != null) {
                s.leave();
            }
        });
        groupBox = new HBox(8, groupLine, leave);
        groupBox.setId("lanGroupBox");
        shown(groupBox, false);
        getChildren().addAll(hint, nameLabel, new HBox(6, name, start), status, looking, pending, groupBox);
        HBox.setHgrow(name, Priority.ALWAYS);
        refresh.setCycleCount(Timeline.INDEFINITE);
        nearby.show(this);
        sceneProperty().addListener((o, was, now) -> {
            if (now == null) {
                refresh.stop(); // a rebuilt window (another language) replaced this pane
            }
        });
        if (nearby.started() != null) {
            name.setText(nearby.started().session().beacon().name());
            started(nearby.started());
        }
    }

    private String describe(LanDiscovery.Found f) {
        String line = t.get("lan.heard.line", f.beacon().name(), f.host());
        return known.contains(f.beacon().fingerprint()) ? line + " · " + t.get("lan.known") : line;
    }

    private void say(String key, Object... args) {
        status.say(key, args);
    }

    private void fail(String key, Object... args) {
        status.fail(key, args);
    }

    private void start() {
        String n = name.getText().strip();
        try {
            LanBeacon.checkName(n);
        } catch (RuntimeException e) {
            fail("lan.badName");
            return;
        }
        start.setDisable(true);
        name.setDisable(true);
        say("lan.starting");
        nearby.start(n).whenComplete((s, e) -> FxThread.run(() -> {
            if (e != null) {
                start.setDisable(false);
                name.setDisable(false);
                fail("lan.startFailed", AppActions.message(e));
                return;
            }
            started(s);
        }));
    }

    private void started(Nearby.Started s) {
        started = s;
        mine = s.session().beacon().fingerprint();
        name.setDisable(true);
        start.setVisible(false);
        if (s.discovery() == null) {
            fail("lan.noDiscovery", s.session().pairingPort(), s.noDiscovery());
        } else {
            say("lan.listening", s.session().pairingPort());
            refresh.play();
        }
        loadKnown();
    }

    private void loadKnown() {
        nearby.knownFingerprints().thenAccept(k -> FxThread.run(() -> {
            known = k;
            refresh();
        }));
    }

    /** The terminals heard within the last seconds, without this one; the pick is kept while it is heard. */
    private void refresh() {
        if (started == null || started.discovery() == null) {
            return;
        }
        if (nearby.started() != started) {
            refresh.stop(); // closed with the app
            return;
        }
        LanDiscovery.Found picked = heard.getSelectionModel().getSelectedItem();
        List<LanDiscovery.Found> now = started.discovery().found().stream()
                .filter(f -> LanBeacon.TERMINAL.equals(f.beacon().kind()) && !f.beacon().fingerprint().equals(mine)).toList();
        heard.getItems().setAll(now);
        if (picked != null) {
            now.stream().filter(f -> f.beacon().instance().equals(picked.beacon().instance())).findFirst()
                    .ifPresent(f -> heard.getSelectionModel().select(f));
        }
    }

    private void pairWithPicked() {
        LanDiscovery.Found f = heard.getSelectionModel().getSelectedItem();
        if (f != null && started != null) {
            ask(f.address(), f.beacon().fingerprint(), f.beacon().name());
        }
    }

    private void askAddress() {
        String text = address.getText().strip();
        int colon = text.lastIndexOf(':');
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            // shown below
        }
        if (started == null || port < 1 || port > 65535) {
            fail("lan.address.bad", text);
            return;
        }
        // an IP literal or a name the person typed: resolved on the session's side, off the FX thread
        ask(InetSocketAddress.createUnresolved(text.substring(0, colon), port), null, null);
    }

    private void ask(InetSocketAddress to, String pinned, String beaconName) {
        pending.askAgain(() -> ask(to, pinned, beaconName));
        LanSession s = started.session();
        say("lan.asking", beaconName == null ? to.getHostString() + ":" + to.getPort() : beaconName);
        CompletableFuture.supplyAsync(() -> to.isUnresolved() ? new InetSocketAddress(to.getHostString(), to.getPort()) : to,
                        dev.companion.app.ui.Background.executor())
                .thenCompose(a -> s.ask(a, pinned, beaconName))
                .whenComplete((p, e) -> FxThread.run(() -> {
                    if (e != null) {
                        fail("lan.askFailed", AppActions.message(e));
                    } else {
                        pending.show(p);
                    }
                }));
    }

    // ---- the session's events (its thread): moved onto the FX thread --------------------------------

    @Override
    public void onPairingAsked(LanSession.Pending p) {
        FxThread.run(() -> pending.show(p));
    }

    @Override
    public void onGroup(Messages.GroupState g, String reason, String user) {
        FxThread.run(() -> {
            if (g != null) {
                String other = g.members().stream().map(Messages.Member::user)
                        .filter(u -> !u.equals(name.getText().strip())).findFirst().orElse("");
                groupLine.setText(t.get(g.leader().equals(other) ? "lan.group.follow" : "lan.group.lead", other));
                groupBox.setVisible(true);
            } else {
                groupBox.setVisible(false);
                if (reason != null && !"replaced".equals(reason)) {
                    say("lan.group.ended." + ("left".equals(reason) || LanSession.UNLINKED.equals(reason) ? reason : "other"));
                }
            }
        });
    }
}
