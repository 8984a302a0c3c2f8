package dev.companion.app.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.companion.p2p.protocol.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cef.browser.CefMessageRouter;

/**
 * The page agent (the parts in {@code resources/dev/companion/app/agent/parts}) and the per-process secrets it is configured with: the name of
 * the message-router function (random, so pages do not find a well-known {@code window.cefQuery}),
 * a token every agent message must carry, and the property name the agent registers itself under.
 * Everything Java puts into generated JavaScript goes through Jackson as a JSON literal.
 */
final class AgentScript {
    /** The page agent's source files: one script in parts (one per section), joined at start. */
    static final String PARTS = "/dev/companion/app/agent/parts/";
    private static final String PLACEHOLDER = "__COMPANION_AGENT_CONFIG__";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String queryFunction;
    private final String cancelFunction;
    private final String token;
    private final String key;
    /** The script before and after its config. */
    private final String head;
    private final String tail;

    private AgentScript(String template) {
        this.queryFunction = "_cq" + random(8);
        this.cancelFunction = "_cqc" + random(8);
        this.token = random(16);
        this.key = "__companion_" + random(6);
        int at = template.lastIndexOf(PLACEHOLDER);
        this.head = template.substring(0, at);
        this.tail = template.substring(at + PLACEHOLDER.length());
    }

    /** The agent's parts (folder {@value #PARTS}, in the order its ORDER file lists) joined into one script. */
    static AgentScript load() throws IOException {
        StringBuilder template = new StringBuilder();
        for (String line : read(PARTS + "ORDER").split("\n")) {
            String part = line.strip();
            if (!part.isEmpty() && !part.startsWith("#")) {
                template.append(template.isEmpty() ? "" : "\n").append(read(PARTS + part));
            }
        }
        if (template.indexOf(PLACEHOLDER) < 0) {
            throw new IOException("the page agent in " + PARTS + " lacks " + PLACEHOLDER);
        }
        return new AgentScript(template.toString());
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = AgentScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A JSON literal of value (string, number, map...): safe to embed in JavaScript as data. */
    static String json(Object value) {
        try {
            return Codec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    CefMessageRouter.CefMessageRouterConfig routerConfig() {
        return new CefMessageRouter.CefMessageRouterConfig(queryFunction, cancelFunction);
    }

    /**
     * The agent with its config, ready to execute in a frame (idempotent: a second run does nothing).
     * privacy: the frame's privacy rules ({@link PrivacyConfig}).
     */
    String source(Map<String, Object> privacy) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("query", queryFunction);
        config.put("token", token);
        config.put("key", key);
        config.put("privacy", privacy);
        return head + json(config) + tail;
    }

    boolean tokenMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(
                candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Code that hands an action (JSON text, passed as a string literal) to the frame's agent; domPress:
     * a click is a DOM click without the real press and its checks (the follow benchmark's peer row
     * only, {@link AgentBridge#domPressForBenchmark}).
     */
    String applyCall(String actionJson, String id, boolean domPress) {
        return "(function(){var a=document[" + json(key) + "];if(a){a.apply(" + json(actionJson) + ","
                + json(id) + (domPress ? ",true" : "") + ");}})();";
    }

    /** Code that asks the top frame's agent for a snapshot of the page (answered as a "state" message). */
    String snapshotCall(String id) {
        return "(function(){var a=document[" + json(key) + "];if(a){a.snapshot(" + json(id) + ");}})();";
    }

    /** Code that hands a frame's agent new privacy rules (JSON text, passed as a string literal), with the token. */
    String privacyCall(Map<String, Object> privacy) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.privacy){a.privacy(" + json(json(privacy)) + ","
                + json(token) + ");}})();";
    }

    /** Code that hands a page state (JSON text, passed as a string literal) to the top frame's agent. */
    String restoreCall(String stateJson, String id) {
        return "(function(){var a=document[" + json(key) + "];if(a){a.restore(" + json(stateJson) + ","
                + json(id) + ");}})();";
    }

    /** Code that hands film night's request (JSON text, passed as a string literal) to the top frame's agent. */
    String filmCall(String requestJson, String id) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.film){a.film(" + json(requestJson) + ","
                + json(id) + ");}})();";
    }

    /** Code that asks the top frame's agent whether the page shows an expectation (JSON text, as a string literal). */
    String checkCall(String expectJson, String id) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.check){a.check(" + json(expectJson) + ","
                + json(id) + ");}})();";
    }

    /** Code that lets the person pick an element of the top page (pointing); answered "picked". */
    String pickCall(String id) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.pick){a.pick(" + json(id) + ");}})();";
    }

    /** Code that hands a member's point (target JSON text, as a string literal) to the top frame's agent; answered "shown". */
    String pointCall(String targetJson, String id) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.point){a.point(" + json(targetJson) + ","
                + json(id) + ");}})();";
    }

    /** Code that turns the top frame's draw mode on or off (drawing). */
    String drawModeCall(boolean on) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.drawMode){a.drawMode(" + on + ");}})();";
    }

    /** Code that hands a drawing (JSON text, as a string literal) to the top frame's agent; answered "drawn". */
    String drawCall(String drawingJson, String id) {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.draw){a.draw(" + json(drawingJson) + ","
                + json(id) + ");}})();";
    }

    /** Code that removes every drawing from the top frame. */
    String clearDrawingsCall() {
        return "(function(){var a=document[" + json(key) + "];if(a&&a.clearDrawings){a.clearDrawings();}})();";
    }

    /**
     * Code that evaluates a trusted expression (from this app, not from peers) and reports the JSON
     * result. The expression is embedded as code on purpose: eval() would be blocked by a page's CSP.
     */
    String evalCall(String expression, String id) {
        return "(function(){var q=window[" + json(queryFunction) + "];if(typeof q!=='function')return;"
                + "var send=function(o){o.t='eval';o.id=" + json(id) + ";var b=JSON.stringify(o);"
                + "q({request:'{\"k\":\"" + token + "\",'+b.substring(1),persistent:false,"
                + "onSuccess:function(){},onFailure:function(){}});};"
                + "Promise.resolve().then(function(){return (\n" + expression + "\n);}).then(function(v){"
                + "var s=JSON.stringify(v);send({ok:true,v:s===undefined?'null':s});},"
                + "function(e){send({ok:false,err:String(e&&e.stack||e)});});})();";
    }
}
