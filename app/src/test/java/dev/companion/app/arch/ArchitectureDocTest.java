package dev.companion.app.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md matches the code: every type it names in backticks (`FollowEngine`,
 * `Action.Input`, `FollowEngine.Timing.echoWindow`) is declared in one of the project's sources,
 * and the members it names exist in that type's file. Renaming or deleting a class without fixing
 * the page fails here, as ProtocolDocTest does for the protocol.
 */
class ArchitectureDocTest {
    /** Library types the page may name. */
    private static final Set<String> LIBRARY = Set.of("Platform", "ServiceLoader");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?:\\(\\))?`");
    private static final Pattern DECLARATION =
            Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z][A-Za-z0-9]*)");

    @Test
    void everyTypeTheArchitecturePageNamesExists() throws IOException {
        Path root = root();
        Map<String, List<Path>> declared = declarations(root);
        String page = Files.readString(root.resolve("docs/architecture.md"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        Matcher m = NAME.matcher(page);
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            if (LIBRARY.contains(parts[0])) {
                continue;
            }
            checked++;
            List<Path> files = declared.get(parts[0]);
            if (files == null) {
                missing.add(m.group(1) + " (no type " + parts[0] + ")");
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                boolean found = Character.isUpperCase(part.charAt(0)) && !part.equals(part.toUpperCase())
                        ? declared.containsKey(part)
                        : files.stream().anyMatch(f -> read(f).contains(part));
                if (!found) {
                    missing.add(m.group(1) + " (no " + part + ")");
                }
            }
        }
        assertThat(checked).as("names checked").isGreaterThan(50);
        assertThat(missing).as("names in docs/architecture.md that the code does not have").isEmpty();
    }

    private static Map<String, List<Path>> declarations(Path root) throws IOException {
        Map<String, List<Path>> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
                    && !p.toString().contains("/target/")).toList()) {
                Matcher d = DECLARATION.matcher(read(f));
                while (d.find()) {
                    out.computeIfAbsent(d.group(1), k -> new ArrayList<>()).add(f);
                }
            }
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/architecture.md"))) {
            p = p.getParent();
        }
        assertThat(p).as("the project's root (with docs/architecture.md)").isNotNull();
        return p;
    }
}
