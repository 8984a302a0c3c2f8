package dev.companion.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Companion terminal a test or benchmark drives: in another process through its test hook
 * ({@link HookClient}) or in the driver's own JVM. Ids are the window's fx:ids (loginPassword,
 * loginButton, invite-USER, acceptInvitation-USER); {@link #state()} has the test hook's shape
 * (contacts "user:state:online|offline", invitations, leader, linked).
 */
public interface Terminal {
    void setText(String id, String text);

    void fire(String id);

    JsonNode state();

    /** JavaScript expression in the top page; its JSON.stringify value, parsed. */
    JsonNode eval(String js);
}
