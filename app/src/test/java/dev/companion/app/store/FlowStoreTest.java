package dev.companion.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.companion.app.flow.Flow;
import dev.companion.app.flow.FlowError;
import dev.companion.app.flow.FlowException;
import dev.companion.app.flow.FlowFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows in a real profile file: versions, edits, refusals that change nothing, and a reopen. */
class FlowStoreTest {
    @TempDir
    Path profile;

    @Test
    void editsMakeVersionsAndTheListShowsTheCurrentOne() throws IOException {
        try (LocalStore store = LocalStore.open(profile)) {
            FlowStore flows = store.flows();
            FlowStore.Stored tea = flows.add(golden());
            FlowStore.Stored other = flows.add(golden().renamed("Another flow"));
            FlowStore.Stored renamed = flows.rename(tea.id(), 1, "Buy tea");
            FlowStore.Stored hinted = flows.editHint(tea.id(), renamed.version(), 2, "Press the Search button.");
            FlowStore.Stored moved = flows.moveStep(tea.id(), hinted.version(), 2, 1);
            FlowStore.Stored shorter = flows.deleteStep(tea.id(), moved.version(), 6);

            assertThat(shorter.version()).isEqualTo(5);
            assertThat(flows.list()).extracting(FlowStore.Summary::name, FlowStore.Summary::version,
                    FlowStore.Summary::steps).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Another flow", 1, 6),
                            org.assertj.core.groups.Tuple.tuple("Buy tea", 5, 5));
            Flow now = flows.get(tea.id()).flow();
            assertThat(now.steps().get(0).hint()).isEqualTo("Press the Search button.");
            assertThat(now.steps().get(1)).isEqualTo(golden().steps().get(0));
            assertThat(flows.get(tea.id(), 1).flow()).isEqualTo(golden());
            assertThat(flows.get(other.id()).version()).isEqualTo(1);
        }
        try (LocalStore again = LocalStore.open(profile)) {
            assertThat(again.flows().list()).hasSize(2);
        }
    }

    @Test
    void anEditOnAnOldVersionIsRefusedAndChangesNothing() throws IOException {
        try (LocalStore store = LocalStore.open(profile)) {
            FlowStore flows = store.flows();
            long id = flows.add(golden()).id();
            flows.rename(id, 1, "Mine");
            assertThatThrownBy(() -> flows.editHint(id, 1, 1, "theirs")).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo(FlowError.STALE_VERSION));
            assertThatThrownBy(() -> flows.editHint(id, 2, 9, "no such step")).isInstanceOfSatisfying(
                    FlowException.class, e -> assertThat(e.code()).isEqualTo(FlowError.NOT_FOUND));
            assertThatThrownBy(() -> flows.rename(id, 2, "  ")).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo(FlowError.BAD_FIELD));
            FlowStore.Stored current = flows.get(id);
            assertThat(current.version()).isEqualTo(2);
            assertThat(current.flow()).isEqualTo(golden().renamed("Mine"));
            assertThatThrownBy(() -> flows.get(id, 3)).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo(FlowError.NOT_FOUND));
        }
    }

    @Test
    void onlyTheNewestVersionsAreKeptAndDeleteRemovesThemAll() throws IOException {
        try (LocalStore store = LocalStore.open(profile)) {
            FlowStore flows = store.flows();
            long id = flows.add(golden()).id();
            for (int v = 1; v <= FlowStore.KEEP_VERSIONS; v++) {
                flows.rename(id, v, "Name " + v);
            }
            assertThat(flows.get(id, 2).flow().name()).isEqualTo("Name 1");
            assertThatThrownBy(() -> flows.get(id, 1)).isInstanceOf(FlowException.class);
            flows.delete(id);
            flows.delete(id);
            assertThat(flows.list()).isEmpty();
            assertThatThrownBy(() -> flows.get(id, 2)).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo(FlowError.NOT_FOUND));
        }
    }

    @Test
    void aDamagedVersionIsRefusedNotHalfUsed() throws Exception {
        try (LocalStore store = LocalStore.open(profile)) {
            long id = store.flows().add(golden()).id();
            synchronized (store) {
                try (PreparedStatement ps = store.db().prepareStatement("UPDATE flow_versions SET body = ? WHERE flow_id = ?")) {
                    ps.setString(1, "{\"format\": \"companion-flow\", \"version\": 1, \"name\": \"x\", \"steps\": [");
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            assertThatThrownBy(() -> store.flows().get(id)).isInstanceOfSatisfying(FlowException.class,
                    e -> assertThat(e.code()).isEqualTo(FlowError.MALFORMED));
        }
    }

    private static Flow golden() throws IOException {
        try (InputStream in = FlowStoreTest.class.getResourceAsStream("/flows/golden/shop-purchase.json")) {
            return FlowFormat.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
