package dev.companion.p2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys are opt-in: the full scope, "every kind" and "every page" never let them through; only a
 * partial scope that names them and names pages does, on those pages. Every other kind is unchanged.
 */
class KeyScopeTest {
    private static final List<Messages.Member> MEMBERS = List.of(new Messages.Member("coach", "t-c", Role.LEADER));
    private static final String GAME = "https://games.example/snake";
    private static final Action LEFT = new Action.Key(GAME, "", "#board", "ArrowLeft", "ArrowLeft", KeyPhase.DOWN, false);
    private static final Action CLICK = new Action.Click(GAME, "", "#start");

    private static Messages.GroupState group(Scope scope, List<ActionKind> kinds, List<String> pages) {
        return new Messages.GroupState("g1", 1, "coach", Mode.LEADER_FOLLOWER, Following.AUTO, scope, kinds, pages, MEMBERS);
    }

    @Test
    void theFullScopeFollowsEverythingButKeys() {
        Messages.GroupState full = group(Scope.FULL, List.of(), List.of());
        assertThat(GroupSettings.inScope(full, CLICK)).isTrue();
        assertThat(GroupSettings.inScope(full, LEFT)).isFalse();
    }

    @Test
    void aPartialScopeWithEveryKindLeavesKeysOutUntilItNamesThemAndThePages() {
        List<String> game = List.of("https://games.example/*");
        assertThat(GroupSettings.inScope(group(Scope.PARTIAL, List.of(), game), LEFT)).isFalse();
        assertThat(GroupSettings.inScope(group(Scope.PARTIAL, List.of(ActionKind.CLICK), game), LEFT)).isFalse();
        // named, but on every page: a PIN pad that listens to keys on a bank's page would travel too
        assertThat(GroupSettings.inScope(group(Scope.PARTIAL, List.of(ActionKind.CLICK, ActionKind.KEY), List.of()), LEFT)).isFalse();
        Messages.GroupState keys = group(Scope.PARTIAL, List.of(ActionKind.CLICK, ActionKind.KEY), game);
        assertThat(GroupSettings.inScope(keys, LEFT)).isTrue();
        assertThat(GroupSettings.inScope(keys, CLICK)).isTrue();
        assertThat(GroupSettings.inScope(keys, new Action.Input(GAME, "", "#name", "x"))).isFalse();
    }

    @Test
    void namedKeysStillKeepToTheGroupsPages() {
        Messages.GroupState onGames = group(Scope.PARTIAL, List.of(ActionKind.KEY), List.of("https://games.example/*"));
        assertThat(GroupSettings.inScope(onGames, LEFT)).isTrue();
        Action elsewhere = new Action.Key("https://mail.example/inbox", "", null, "#", "Digit3", KeyPhase.DOWN, true);
        assertThat(GroupSettings.inScope(onGames, elsewhere)).isFalse();
        assertThat(ActionKind.KEY.optIn()).isTrue();
        assertThat(List.of(ActionKind.values())).filteredOn(ActionKind::optIn).containsExactly(ActionKind.KEY);
    }
}
