package dev.companion.app.ui.flows;

import dev.companion.app.ui.Texts;
import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Where a flow file is read from or written to: the system's file dialog in the app; tests answer
 * with a file of their own (a native dialog cannot be driven by a robot). Null: the person cancelled.
 */
public interface FileChoices {
    Path toImport(Window owner);

    Path toExport(Window owner, String suggestedName);

    /** JavaFX's FileChooser, filtered to flow files (.json). */
    static FileChoices system(Texts t) {
        return new FileChoices() {
            private FileChooser chooser(String title) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(t.get("flows.file.kind"), "*.json"));
                return c;
            }

            @Override
            public Path toImport(Window owner) {
                File f = chooser(t.get("flows.import")).showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path toExport(Window owner, String suggestedName) {
                FileChooser c = chooser(t.get("flows.export"));
                c.setInitialFileName(suggestedName.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_") + ".json");
                File f = c.showSaveDialog(owner);
                return f == null ? null : f.toPath();
            }
        };
    }
}
