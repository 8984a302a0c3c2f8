package dev.companion.app.ui.group;

import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.p2p.protocol.ActionKind;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Following;
import dev.companion.p2p.protocol.GroupSettings;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.ProtocolException;
import dev.companion.p2p.protocol.Scope;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.event.Event;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Changes the group's settings: mode, following, scope and, for partial scope, the kinds of action
 * and the page patterns that travel. Editable by the leader in leader/follower mode and by everyone
 * in mutual mode. It shows the group's current settings; when someone else changes them first, the
 * user is told and sees the new ones instead of overwriting them unknowingly. Apply sits right under
 * the choices (the kinds and pages show only for partial scope), and "not applied yet" beside it
 * while the choices differ from the group's settings.
 */
public final class SettingsEditor extends VBox {
    /** The kinds of action in the order people think of them. */
    public static final List<ActionKind> KINDS = List.of(ActionKind.values());
    private static final Pattern CHANGED_BY = Pattern.compile("settings changed by ([^\\s()]+)");

    private final AppViewModel model;
    private final AppActions actions;
    private final GroupActions group;
    private final Texts t;
    final ChoiceBox<Mode> modeChoice = new ChoiceBox<>();
    final ChoiceBox<Following> followingChoice = new ChoiceBox<>();
    final ChoiceBox<Scope> scopeChoice = new ChoiceBox<>();
    final Map<ActionKind, CheckBox> kinds = new LinkedHashMap<>();
    final CheckBox localAddresses = new CheckBox();
    final TextArea pagePatterns = new TextArea();
    final Button apply;
    private final Label who = new Label();
    private final Label message = new Label();
    private final Label notApplied = new Label();
    private final VBox partial;
    private final ChangeListener<Object> onChange = (o, was, now) -> refresh();
    private Messages.GroupState base; // the state the fields were filled from
    private boolean applying;
    private Settings sent; // applied and accepted; the group's new state may come just after the answer

    public SettingsEditor(AppViewModel model, AppActions actions, GroupActions group) {
        this.model = model;
        this.actions = actions;
        this.group = group;
        this.t = model.texts();
        setId("settingsEditor");
        getStyleClass().add("settings-editor");
        who.setId("settingsWho");
        who.getStyleClass().add("hint");
        who.setWrapText(true);
        choice(modeChoice, "modeChoice", List.of(Mode.values()), Mode::wire, "group.mode.");
        choice(followingChoice, "followingChoice", List.of(Following.values()), Following::wire, "group.following.");
        choice(scopeChoice, "scopeChoice", List.of(Scope.values()), Scope::wire, "group.scope.");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-grid");
        grid.addRow(0, label("group.settings.mode", modeChoice), modeChoice);
        grid.addRow(1, label("group.settings.following", followingChoice), followingChoice);
        followingChoice.setAccessibleHelp(t.get("group.settings.following.help")); // what manual means, plainly
        followingChoice.setTooltip(new Tooltip(t.get("group.settings.following.help")));
        grid.addRow(2, label("group.settings.scope", scopeChoice), scopeChoice);
        FlowPane kindBoxes = new FlowPane();
        kindBoxes.getStyleClass().add("kind-boxes");
        for (ActionKind k : KINDS) {
            CheckBox box = new CheckBox(GroupWords.word(t, "group.kind." + k.wire()));
            box.setId("kind-" + k.wire());
            if (k.optIn()) {
                box.setAccessibleHelp(t.get("group.kind." + k.wire() + ".help"));
                box.setTooltip(new Tooltip(t.get("group.kind." + k.wire() + ".help")));
            }
            kinds.put(k, box);
            kindBoxes.getChildren().add(box);
        }
        Label kindsLabel = new Label(t.get("group.settings.kinds"));
        kindsLabel.setLabelFor(kindBoxes);
        pagePatterns.setId("pagePatterns");
        pagePatterns.setPrefRowCount(2);
        pagePatterns.setWrapText(true);
        pagePatterns.setPromptText(t.get("group.settings.pages.prompt"));
        pagePatterns.setAccessibleText(t.get("group.settings.pages"));
        pagePatterns.addEventFilter(KeyEvent.KEY_PRESSED, SettingsEditor::tabMovesFocus);
        Label pagesLabel = new Label(t.get("group.settings.pages"));
        pagesLabel.setWrapText(true);
        pagesLabel.setLabelFor(pagePatterns);
        partial = new VBox(4, kindsLabel, kindBoxes, pagesLabel, pagePatterns);
        localAddresses.setId("localAddressesToggle");
        localAddresses.setText(t.get("group.settings.localAddresses"));
        localAddresses.setWrapText(true);
        localAddresses.setAccessibleHelp(t.get("group.settings.localAddresses.help"));
        Label localHint = new Label(t.get("group.settings.localAddresses.help"));
        localHint.getStyleClass().add("hint");
        localHint.setWrapText(true);
        partial.setId("partialSettings");
        apply = new Button(t.get("group.settings.apply"));
        apply.setId("applySettings");
        apply.getStyleClass().add("primary");
        apply.setOnAction(e -> apply());
        notApplied.setId("settingsNotApplied");
        notApplied.setText(t.get("group.settings.notApplied"));
        notApplied.getStyleClass().add("not-applied");
        notApplied.setWrapText(true);
        notApplied.managedProperty().bind(notApplied.visibleProperty());
        HBox applyRow = new HBox(8, apply, notApplied);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        message.setId("settingsMessage");
        message.getStyleClass().add("hint");
        message.setWrapText(true);
        partial.managedProperty().bind(partial.visibleProperty());
        getChildren().addAll(who, grid, partial, localAddresses, applyRow, message, localHint);
        scopeChoice.valueProperty().addListener(o -> updateEnabled());
        // every edit tells whether the choices still differ from the group's settings
        javafx.beans.InvalidationListener edited = o -> updateNotApplied();
        modeChoice.valueProperty().addListener(edited);
        followingChoice.valueProperty().addListener(edited);
        kinds.values().forEach(box -> box.selectedProperty().addListener(edited));
        pagePatterns.textProperty().addListener(edited);
        localAddresses.selectedProperty().addListener(edited);
        model.group.addListener(new WeakChangeListener<>(onChange));
        model.user.addListener(new WeakChangeListener<>(onChange));
        refresh();
    }

    private <T> void choice(ChoiceBox<T> box, String id, List<T> values, Function<T, String> wire, String prefix) {
        box.setId(id);
        box.getItems().setAll(values);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T v) {
                return v == null ? "" : GroupWords.word(t, prefix + wire.apply(v));
            }

            @Override
            public T fromString(String s) {
                return values.stream().filter(v -> toString(v).equals(s)).findFirst().orElse(null);
            }
        });
    }

    private Label label(String key, javafx.scene.Node forNode) {
        Label l = new Label(t.get(key));
        l.setWrapText(true);
        l.setLabelFor(forNode);
        if (forNode instanceof ChoiceBox<?> c) {
            c.setAccessibleText(t.get(key));
        }
        return l;
    }

    /** Tab leaves the patterns field (as in every other field) instead of typing a tab. */
    private static void tabMovesFocus(KeyEvent e) {
        if (e.getCode() == KeyCode.TAB && !e.isControlDown()) {
            e.consume();
            KeyEvent ctrlTab = new KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(), e.getText(),
                    e.getCode(), e.isShiftDown(), true, e.isAltDown(), e.isMetaDown());
            Event.fireEvent(e.getTarget(), ctrlTab);
        }
    }

    /** The settings the fields say now. */
    private Settings fields() {
        List<ActionKind> checked = KINDS.stream().filter(k -> kinds.get(k).isSelected()).toList();
        List<ActionKind> everyKind = KINDS.stream().filter(k -> !k.optIn()).toList();
        return new Settings(modeChoice.getValue(), followingChoice.getValue(), scopeChoice.getValue(),
                checked.equals(everyKind) ? List.of() : checked, patterns(pagePatterns.getText()),
                localAddresses.isSelected());
    }

    /** Page patterns from the field: separated by commas, new lines or spaces. */
    static List<String> patterns(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\s]+")).filter(p -> !p.isEmpty()).toList();
    }

    private void fill(Messages.GroupState g) {
        Settings s = g == null ? Settings.DEFAULT : Settings.of(g);
        modeChoice.setValue(s.mode());
        followingChoice.setValue(s.following());
        scopeChoice.setValue(s.scope());
        // "every kind" (no list) leaves out the opt-in kinds: they are ticked only when named
        kinds.forEach((k, box) -> box.setSelected(s.kinds().contains(k) || s.kinds().isEmpty() && !k.optIn()));
        pagePatterns.setText(String.join("\n", s.pages()));
        localAddresses.setSelected(s.localAddresses());
    }

    /** A new group state: the fields follow it unless the user is editing and nobody else changed the settings. */
    private void refresh() {
        Messages.GroupState g = model.group.get();
        boolean sameGroup = g != null && base != null && base.group().equals(g.group());
        boolean edited = sameGroup && !fields().equals(Settings.of(base));
        if (!edited || Settings.of(g).equals(fields())) {
            fill(g); // nothing edited, or the group now says what the fields say (this user's change)
        } else if (!Settings.of(g).equals(Settings.of(base))) {
            fill(g);
            show(tx -> tx.get("group.settings.changedMeanwhile"));
        }
        if (!sameGroup) {
            message.setText("");
        }
        base = g;
        sent = null;
        updateEnabled();
    }

    private boolean editable() {
        Messages.GroupState g = model.group.get();
        return g != null && (g.mutual() || g.leader().equals(model.user.get()));
    }

    private void updateEnabled() {
        Messages.GroupState g = model.group.get();
        boolean on = editable() && !applying;
        modeChoice.setDisable(!on);
        followingChoice.setDisable(!on);
        scopeChoice.setDisable(!on);
        localAddresses.setDisable(!on);
        apply.setDisable(!on);
        partial.setDisable(!on || scopeChoice.getValue() != Scope.PARTIAL);
        partial.setVisible(scopeChoice.getValue() == Scope.PARTIAL);
        who.setText(g == null ? "" : editable() ? t.get(g.mutual() ? "group.settings.who.everyone" : "group.settings.who.you")
                : t.get("group.settings.who.leader", g.leader()));
        updateNotApplied();
    }

    /** "Not applied yet" while the one who may change them has choices that differ from the group's settings. */
    private void updateNotApplied() {
        Messages.GroupState g = model.group.get();
        Settings now = fields();
        notApplied.setVisible(g != null && editable() && !applying && !now.equals(Settings.of(g)) && !now.equals(sent));
    }

    private void apply() {
        Settings s = fields();
        if (s.scope() == Scope.PARTIAL) {
            if (KINDS.stream().noneMatch(k -> kinds.get(k).isSelected())) {
                show(tx -> tx.get("group.settings.noKinds"));
                return;
            }
            if (s.kinds().stream().anyMatch(ActionKind::optIn) && s.pages().isEmpty()) {
                show(tx -> tx.get("group.settings.keysNeedPages"));
                return;
            }
            if (s.pages().size() > GroupSettings.MAX_PATTERNS) {
                show(tx -> tx.get("group.settings.tooManyPages", GroupSettings.MAX_PATTERNS));
                return;
            }
            if (s.pages().stream().anyMatch(p -> p.length() > GroupSettings.MAX_PATTERN)) {
                show(tx -> tx.get("group.settings.pageTooLong", GroupSettings.MAX_PATTERN));
                return;
            }
        }
        applying = true;
        updateEnabled();
        message.setText(t.get("group.settings.applying"));
        actions.attempt(() -> group.setSettings(s.mode(), s.following(), s.scope(), s.kinds(), s.pages(), s.localAddresses()),
                ok -> {
                    applying = false;
                    sent = s;
                    updateEnabled();
                    message.setText(t.get("group.settings.applied"));
                },
                e -> {
                    applying = false;
                    fill(model.group.get()); // what the group says now
                    base = model.group.get();
                    updateEnabled();
                    show(failure(e));
                });
    }

    /** Why a change was refused, for people. */
    private AppViewModel.Words failure(Throwable e) {
        if (e instanceof ProtocolException pe && pe.code() == ErrorCode.GROUP_CHANGED) {
            Matcher m = CHANGED_BY.matcher(String.valueOf(pe.getMessage()));
            String who = m.find() ? m.group(1) : null;
            return who != null && !who.equals(model.user.get()) ? tx -> tx.get("group.settings.changedFirst", who)
                    : tx -> tx.get("group.settings.changedFirst.someone");
        }
        if (e instanceof ProtocolException pe && pe.code() == ErrorCode.NOT_LEADER) {
            return tx -> tx.get("group.settings.notLeader");
        }
        String why = AppActions.message(e); // as it came
        return tx -> tx.get("group.settings.failed", why);
    }

    private void show(AppViewModel.Words words) {
        message.setText(words.in(t));
        model.log(words);
    }

    /** One set of group settings, compared to tell whether the user edited or someone else changed them. */
    record Settings(Mode mode, Following following, Scope scope, List<ActionKind> kinds, List<String> pages,
                    boolean localAddresses) {
        static final Settings DEFAULT = new Settings(Mode.LEADER_FOLLOWER, Following.AUTO, Scope.FULL, List.of(), List.of(),
                false);

        /** Full scope ignores kinds and pages: they do not count as a difference. */
        Settings {
            boolean full = scope != Scope.PARTIAL;
            kinds = full ? List.of() : kinds.stream().sorted(Comparator.comparing(ActionKind::wire)).toList();
            pages = full ? List.of() : List.copyOf(pages);
        }

        static Settings of(Messages.GroupState g) {
            return new Settings(g.mode(), g.following(), g.scope(), g.kinds(), g.pages(), g.localAddresses());
        }
    }
}
