package dev.companion.app.browser;

import dev.companion.app.privacy.SitePolicy;
import dev.companion.app.privacy.SitePrivacy;
import dev.companion.app.privacy.Sites;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;

/**
 * The privacy rules one frame's page agent gets with its config (never from the page):
 * {@code {sites: {origin: {nothing, shared}}}} for the frame's own origin and the origins of the
 * frames it is in. The agent takes "nothing typed" if any of them says so, and the shared fields
 * of its own origin's site; it does not install with rules made for another origin (a stale
 * injection), and the next injection installs it.
 */
final class PrivacyConfig {
    private PrivacyConfig() {
    }

    /** The rules for frame (walking up to the top frame). On the CEF thread. */
    static Map<String, Object> forFrame(CefFrame frame, SitePrivacy privacy) {
        List<String> urls = new ArrayList<>();
        urls.add(frame.getURL());
        CefFrame parent = frame.getParent();
        while (parent != null) {
            CefFrame next;
            try {
                urls.add(parent.getURL());
                next = parent.isMain() ? null : parent.getParent();
            } finally {
                parent.dispose(); // ours (fetched here), unlike frames handed to callbacks
            }
            parent = next;
        }
        return of(urls, privacy);
    }

    /** Hands every frame's agent of browser its rules again (after the user changed them). On the CEF thread. */
    static void refresh(CefBrowser browser, AgentScript script, SitePrivacy privacy) {
        for (String id : browser.getFrameIdentifiers()) {
            CefFrame frame = browser.getFrameByIdentifier(id);
            if (frame == null) {
                continue;
            }
            try {
                if (frame.isValid()) {
                    frame.executeJavaScript(script.privacyCall(forFrame(frame, privacy)), "companion-privacy.js", 1);
                }
            } finally {
                frame.dispose(); // ours, fetched above
            }
        }
    }

    /** The rules for a frame whose URL comes first in urls, followed by the URLs of the frames around it. */
    static Map<String, Object> of(List<String> urls, SitePrivacy privacy) {
        Map<String, Object> sites = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            String origin = Sites.originOf(urls.get(i));
            if (origin == null || sites.containsKey(origin)) {
                continue;
            }
            String site = Sites.siteOf(urls.get(i));
            Map<String, Object> rules = new LinkedHashMap<>();
            rules.put("nothing", privacy.policy(site) == SitePolicy.NOTHING_TYPED);
            rules.put("shared", List.copyOf(privacy.sharedFields(site)));
            sites.put(origin, rules);
        }
        return Map.of("sites", sites);
    }
}
