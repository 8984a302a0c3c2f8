package dev.companion.app.ui.browser;

import dev.companion.app.browser.BrowserView;
import dev.companion.app.ui.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Back, forward, reload and the address bar of the embedded browser. */
public final class BrowserToolbar extends HBox {
    public BrowserToolbar(BrowserView view, Texts t) {
        getStyleClass().add("toolbar");
        Button back = button("backButton", "◀", t.get("browser.back"));
        Button forward = button("forwardButton", "▶", t.get("browser.forward"));
        Button reload = button("reloadButton", "⟳", t.get("browser.reload"));
        TextField address = new TextField();
        address.setId("address");
        address.getStyleClass().add("address");
        address.setAccessibleText(t.get("browser.address"));
        address.setPromptText(t.get("browser.address"));
        Button go = button("goButton", t.get("browser.go"), t.get("browser.go"));
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(18, 18);
        loading.visibleProperty().bind(view.loadingProperty());
        // the page's address, or the one that failed to load (the person corrects it and presses Go)
        Runnable show = () -> {
            if (!address.isFocused()) {
                String failed = view.failedUrlProperty().get();
                address.setText(failed.isEmpty() ? view.urlProperty().get() : failed);
            }
        };
        show.run();
        view.urlProperty().addListener((o, was, now) -> show.run());
        view.failedUrlProperty().addListener((o, was, now) -> show.run());
        Runnable open = () -> {
            String url = address.getText().trim();
            if (!url.isEmpty()) {
                view.load(url.contains("://") ? url : "https://" + url);
                view.node().requestFocus();
            }
        };
        address.setOnAction(e -> open.run());
        go.setOnAction(e -> open.run());
        back.setOnAction(e -> view.back());
        forward.setOnAction(e -> view.forward());
        reload.setOnAction(e -> view.reload());
        HBox.setHgrow(address, Priority.ALWAYS);
        getChildren().addAll(back, forward, reload, address, go, loading);
    }

    private static Button button(String id, String text, String accessible) {
        Button b = new Button(text);
        b.setId(id);
        b.setAccessibleText(accessible);
        b.setTooltip(new Tooltip(accessible));
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never shrink to "…" in a narrow window
        return b;
    }
}
