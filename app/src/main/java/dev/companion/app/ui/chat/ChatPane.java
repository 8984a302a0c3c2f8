package dev.companion.app.ui.chat;

import dev.companion.app.chat.ChatEntry;
import dev.companion.app.chat.NotPlacedEntry;
import dev.companion.app.thread.FxThread;
import dev.companion.app.ui.AppActions;
import dev.companion.app.ui.AppViewModel;
import dev.companion.app.ui.Texts;
import dev.companion.app.ui.group.StepText;
import dev.companion.p2p.protocol.ErrorCode;
import dev.companion.p2p.protocol.Ink;
import dev.companion.p2p.protocol.Messages;
import dev.companion.p2p.protocol.Mode;
import dev.companion.p2p.protocol.PlaceKind;
import dev.companion.p2p.protocol.PlaceReason;
import dev.companion.p2p.protocol.Protocol;
import dev.companion.p2p.protocol.ProtocolException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The group chat in the group panel: the lines (plain text in labels, never markup or a web view),
 * how many are unread, and a field where Enter sends (at most 500 characters; emoji and Chinese as
 * typed). Every control has accessibility text; Tab goes list → field → Send → Point at… → Draw →
 * its colour → Clear drawings. Below, the group's last points ("alice points at 'Add to cart' (Green Tea)"), each
 * with Show again. Draw (for whoever may lead) turns the page's draw mode on: drags on the page draw
 * strokes the group sees, the page is not pressed; Esc (on the page or on the toggle) leaves it.
 */
public final class ChatPane extends VBox {
    private final AppViewModel model;
    private final ChatModel chat;
    private final Label unread = new Label();
    private final ListView<ChatEntry> list = new ListView<>();
    private final TextField input = new TextField();
    private final Button send;
    private final Button point;
    private final ToggleButton draw;
    private final Label drawStatus = new Label();
    private final VBox pointLines = new VBox(4);
    /** Members who could not place this person's points or drawings ("bob could not find your point…"). */
    private final VBox unplacedLines = new VBox(4);
    private final Label notice = new Label();
    private final DateTimeFormatter time;
    // held strongly here, registered weakly: a pane replaced by a language switch can be collected
    private final ChangeListener<Object> onGroup = (o, was, now) -> showGroup();
    private final ChangeListener<Number> onUnread = (o, was, now) -> showUnread();
    private final ListChangeListener<ChatEntry> onLines = c -> scrollToEnd();
    private final ListChangeListener<PointLine> onPoints = c -> showPoints();
    private final ListChangeListener<NotPlacedEntry> onUnplaced = c -> showUnplaced();
    private final ChangeListener<DrawLine> onDrawing = (o, was, now) -> showDrawStatus(now);
    private final ChangeListener<Boolean> onDrawMode = (o, was, now) -> showDrawMode(now);

    public ChatPane(AppViewModel model, ChatModel chat) {
        this.model = model;
        this.chat = chat;
        Texts t = model.texts();
        time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(t.locale()).withZone(ZoneId.systemDefault());
        setId("chatPane");
        getStyleClass().add("chat-box");
        setSpacing(6);
        Label title = new Label(t.get("chat.title"));
        title.getStyleClass().add("section-title");
        unread.setId("chatUnread");
        unread.getStyleClass().add("chat-unread");
        list.setId("chatList");
        list.getStyleClass().add("chat-list");
        list.setItems(chat.lines);
        list.setPlaceholder(new Label(t.get("chat.empty")));
        list.setAccessibleText(t.get("chat.list"));
        list.setCellFactory(v -> new Line());
        Label inputLabel = new Label(t.get("chat.input"));
        inputLabel.setLabelFor(input);
        inputLabel.getStyleClass().add("hint");
        input.setId("chatInput");
        input.setPromptText(t.get("chat.prompt"));
        input.setAccessibleText(t.get("chat.input"));
        input.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().length() <= Protocol.MAX_CHAT_TEXT ? c : null));
        input.setOnAction(e -> send());
        send = new Button(t.get("chat.send"));
        send.setId("chatSend");
        send.setAccessibleText(t.get("chat.send.a11y"));
        send.setOnAction(e -> send());
        send.disableProperty().bind(input.textProperty().isEmpty());
        HBox.setHgrow(input, Priority.ALWAYS);
        point = new Button(t.get("chat.point.button"));
        point.setId("chatPoint");
        point.setAccessibleText(t.get("chat.point.button.a11y"));
        point.setOnAction(e -> point());
        point.setMinWidth(Region.USE_PREF_SIZE);
        send.setMinWidth(Region.USE_PREF_SIZE);
        draw = new ToggleButton();
        draw.setId("chatDraw");
        draw.setMinWidth(Region.USE_PREF_SIZE);
        draw.setOnAction(e -> chat.drawing.set(draw.isSelected()));
        draw.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && draw.isSelected()) {
                chat.drawing.set(false);
                e.consume();
            }
        });
        ChoiceBox<Ink> ink = new ChoiceBox<>();
        ink.setId("chatInk");
        ink.getItems().addAll(Ink.values());
        ink.setConverter(new StringConverter<>() {
            @Override
            public String toString(Ink i) {
                return i == null ? "" : t.get("chat.draw.ink." + i.wire());
            }

            @Override
            public Ink fromString(String s) {
                return null; // not editable
            }
        });
        ink.setAccessibleText(t.get("chat.draw.ink"));
        ink.setMinWidth(Region.USE_PREF_SIZE);
        ink.valueProperty().bindBidirectional(chat.ink);
        Button clear = new Button(t.get("chat.draw.clear"));
        clear.setId("chatDrawClear");
        clear.setAccessibleText(t.get("chat.draw.clear.a11y"));
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> chat.clearDrawings());
        drawStatus.setId("chatDrawStatus");
        drawStatus.getStyleClass().add("hint");
        drawStatus.setWrapText(true);
        HBox row = new HBox(6, input, send);
        HBox pointRow = new HBox(6, point, draw); // two rows: the sidebar is narrow (WindowFitTest)
        HBox drawRow = new HBox(6, ink, clear);
        pointLines.setId("chatPoints");
        notice.setId("chatNotice");
        notice.getStyleClass().add("hint");
        notice.setWrapText(true);
        HBox head = new HBox(8, title, unread);
        unplacedLines.setId("chatUnplaced");
        getChildren().addAll(head, list, pointLines, unplacedLines, inputLabel, row, pointRow, drawRow, drawStatus, notice);
        // each control's own focus (focusWithin can stay set when the group panel re-adds its parts)
        ChangeListener<Boolean> focus = (o, was, now) -> chat.reading(list.isFocused() || input.isFocused() || send.isFocused());
        list.focusedProperty().addListener(focus);
        input.focusedProperty().addListener(focus);
        send.focusedProperty().addListener(focus);
        model.group.addListener(new WeakChangeListener<>(onGroup));
        model.user.addListener(new WeakChangeListener<>(onGroup));
        chat.unread.addListener(new WeakChangeListener<>(onUnread));
        chat.lines.addListener(new WeakListChangeListener<>(onLines));
        chat.points.addListener(new WeakListChangeListener<>(onPoints));
        chat.unplaced.addListener(new WeakListChangeListener<>(onUnplaced));
        chat.lastDrawing.addListener(new WeakChangeListener<>(onDrawing));
        chat.drawing.addListener(new WeakChangeListener<>(onDrawMode));
        showDrawMode(chat.drawing.get());
        showDrawStatus(chat.lastDrawing.get());
        showPoints();
        showUnplaced();
        showGroup();
        showUnread();
    }

    private void showGroup() {
        Messages.GroupState g = model.group.get();
        chat.show(g == null ? null : g.group(), model.user.get());
        // whoever may lead may draw: the leader, or anyone in mutual mode (P37-P38)
        boolean mayDraw = g != null && (g.mode() == Mode.MUTUAL || g.leader().equals(model.user.get()));
        draw.setDisable(!mayDraw);
        if (!mayDraw && chat.drawing.get()) {
            chat.drawing.set(false);
        }
    }

    private void showDrawMode(boolean on) {
        Texts t = model.texts();
        draw.setSelected(on);
        draw.setText(t.get(on ? "chat.draw.on" : "chat.draw.button"));
        draw.setAccessibleText(t.get(on ? "chat.draw.on.a11y" : "chat.draw.button.a11y"));
    }

    private void showDrawStatus(DrawLine line) {
        drawStatus.setText(line == null ? "" : PointWords.drawing(model.texts(), line, chat));
        drawStatus.setVisible(line != null);
        drawStatus.setManaged(line != null);
    }

    private void showUnread() {
        int n = chat.unread.get();
        unread.setText(n == 0 ? "" : model.texts().get("chat.unread", n));
        unread.setAccessibleText(unread.getText());
        unread.setVisible(n > 0);
    }

    private void scrollToEnd() {
        if (!chat.lines.isEmpty()) {
            list.scrollTo(chat.lines.size() - 1);
        }
    }

    private void send() {
        String text = input.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        Texts t = model.texts();
        notice.setText("");
        input.clear();
        chat.actions().send(text).whenComplete((line, e) -> FxThread.run(() -> {
            if (e != null) {
                input.setText(text); // nothing is lost: the person can send it again
                Throwable why = AppActions.cause(e);
                notice.setText(why instanceof ProtocolException pe && pe.code() == ErrorCode.RATE_LIMITED
                        ? t.get("chat.tooFast") : t.get("chat.failed", AppActions.message(e)));
            }
        }));
    }

    /** Lets the person pick an element of the page and points the group at it. */
    private void point() {
        Texts t = model.texts();
        notice.setText(t.get("chat.point.picking"));
        point.setDisable(true);
        chat.actions().point().whenComplete((p, e) -> FxThread.run(() -> {
            point.setDisable(false);
            if (e != null) {
                Throwable why = AppActions.cause(e);
                notice.setText(why instanceof ProtocolException pe && pe.code() == ErrorCode.RATE_LIMITED
                        ? t.get("chat.tooFast") : t.get("chat.failed", AppActions.message(e)));
            } else {
                notice.setText(p == null ? t.get("chat.point.cancelled") : "");
            }
        }));
    }

    /** Who could not place this person's points and drawings, and why (the last few). */
    private void showUnplaced() {
        Texts t = model.texts();
        unplacedLines.getChildren().clear();
        for (NotPlacedEntry u : chat.unplaced) {
            String key = "chat.unplaced." + (u.kind() == PlaceKind.POINT ? "point" : "draw") + "."
                    + (u.reason() == PlaceReason.NOT_FOUND ? "notFound" : "ambiguous");
            Label words = new Label(t.get(key, u.member()));
            words.setWrapText(true);
            words.getStyleClass().add("chat-point");
            words.setId("chatUnplaced-" + unplacedLines.getChildren().size());
            words.setAccessibleText(words.getText());
            unplacedLines.getChildren().add(words);
        }
    }

    /** The last points, as text, each with Show again. */
    private void showPoints() {
        Texts t = model.texts();
        pointLines.getChildren().clear();
        for (PointLine p : chat.points) {
            int n = pointLines.getChildren().size();
            boolean mine = chat.mine(p.point());
            Label words = new Label(PointWords.line(t, mine ? t.get("chat.you") : p.point().sender(), mine, p));
            words.setWrapText(true);
            words.getStyleClass().add("chat-point");
            words.setId("chatPointLine-" + n);
            Button again = new Button(t.get("chat.point.again"));
            again.getStyleClass().add("chat-point-again");
            again.setId("chatPointAgain-" + n);
            again.setAccessibleText(t.get("chat.point.again.a11y", words.getText()));
            again.setMinWidth(Region.USE_PREF_SIZE);
            again.setOnAction(e -> chat.showAgain(p));
            HBox.setHgrow(words, Priority.ALWAYS);
            words.setMaxWidth(Double.MAX_VALUE);
            HBox row = new HBox(6, words, again);
            row.setAlignment(Pos.CENTER_LEFT);
            pointLines.getChildren().add(row);
        }
    }

    /**
     * One line: who and when in a label of its own (bold), then what, as text ({@link ChatText}), so
     * a text holding "bob · 12:01" and a line break reads as part of its sender's line, never as a
     * line of bob's; own lines styled apart.
     */
    private final class Line extends ListCell<ChatEntry> {
        private final Label head = new Label();
        private final Label label = new Label();
        private final VBox box = new VBox(head, label);

        Line() {
            head.getStyleClass().add("chat-who");
            label.setWrapText(true);
            label.maxWidthProperty().bind(list.widthProperty().subtract(28));
            head.maxWidthProperty().bind(label.maxWidthProperty());
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(ChatEntry line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().remove("chat-own");
            if (empty || line == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            Texts t = model.texts();
            String who = chat.mine(line) ? t.get("chat.you") : StepText.clean(line.sender(), 64);
            String when = time.format(Instant.ofEpochMilli(line.at()));
            String text = ChatText.shown(line.text());
            head.setText(t.get("chat.head", who, when));
            label.setText(text);
            if (chat.mine(line)) {
                getStyleClass().add("chat-own");
            }
            setAccessibleText(t.get("chat.line", who, when, text));
            setGraphic(box);
        }
    }
}
