package dev.companion.bench.peers;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import dev.companion.bench.link.Hist;
import dev.companion.bench.link.EchoSystem;
import dev.companion.bench.link.Payload;
import dev.companion.bench.link.RunResult;
import dev.companion.testkit.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * WebRTC DataChannel (ordered, reliable; SCTP over DTLS over UDP) between two pages, each in its own
 * Debian Chromium: the leader's browser pinned to core 0, the follower's to core 1, both in a network
 * namespace of their own with only loopback (when we may create one; else on the host with only
 * 127.0.0.1 candidates signalled). Playwright drives both; Java relays the SDP, keeping only UDP
 * host candidates on 127.0.0.1. The leader's page times everything with performance.now().
 */
public final class DataChannelPeer implements EchoSystem {
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            // host candidates as plain IPs, not mDNS names; with a (fake) media permission Chromium enumerates
            // every interface, and this switch lets it use loopback
            "--disable-features=WebRtcHideLocalIpsWithMdns", "--allow-loopback-in-peer-connection",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
    private static final String ORIGIN = "http://localhost/";

    private final Playwright playwright;
    private final List<Browser> browsers = new ArrayList<>();
    private final Netns netns;
    private final Path scripts;
    private Page leader;
    private Page follower;
    private String path = "?";
    private boolean closed;

    private DataChannelPeer(Playwright playwright, Netns netns, Path scripts) {
        this.playwright = playwright;
        this.netns = netns;
        this.scripts = scripts;
    }

    /** Starts both browsers and connects the pair (group of 2 only). */
    public static DataChannelPeer start(Path chromium, Path logDir) throws Exception {
        DataChannelPeer peer = launch(chromium, logDir);
        try {
            peer.connect();
            return peer;
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }

    /**
     * Starts both browsers with their page loaded and nothing connected yet: the connect scenario
     * then makes every connection itself ({@link #permit}, {@link #connectOnce}).
     */
    public static DataChannelPeer launch(Path chromium, Path logDir) throws Exception {
        Path scripts = Files.createTempDirectory(logDir, "chromium-");
        Netns netns = Netns.create();
        Playwright pw;
        try {
            pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        } catch (RuntimeException e) {
            netns.close();
            throw e;
        }
        DataChannelPeer peer = new DataChannelPeer(pw, netns, scripts);
        try {
            String js = resource("datachannel.js");
            peer.leader = peer.page(chromium, 0, "leader", js);
            peer.follower = peer.page(chromium, 1, "follower", js);
            return peer;
        } catch (Exception | Error e) {
            peer.close();
            throw e;
        }
    }

    private void connect() {
        leader.evaluate("bench.init()");
        follower.evaluate("bench.init()");
        String offer = loopbackOnly((String) leader.evaluate("bench.offer()"));
        String answer = loopbackOnly((String) follower.evaluate("sdp => bench.answer(sdp)", offer));
        path = (String) leader.evaluate("sdp => bench.accept(sdp)", answer);
        follower.evaluate("bench.ready()");
        if (!path.contains("127.0.0.1:") || path.indexOf("127.0.0.1:") == path.lastIndexOf("127.0.0.1:")) {
            throw new IllegalStateException("the DataChannel did not take the loopback path: " + path);
        }
    }

    /** Asks both pages for the (fake) media permission that lets Chromium gather loopback candidates. */
    public void permit() {
        leader.evaluate("bench.permit()");
        follower.evaluate("bench.permit()");
    }

    /**
     * One fresh connection for the connect scenario: the leader's page creates an RTCPeerConnection
     * and a DataChannel and gathers candidates, Java relays offer and answer through Playwright (only
     * 127.0.0.1 UDP host candidates kept), the follower's page answers, the leader's page waits for
     * the channel's open, sends the action with seq and waits for its echo. Offer and answer leave
     * once gathering is complete, or with early as soon as they hold a loopback UDP candidate (what
     * trickle ICE achieves here). Returns the times in µs since the leader's page created the
     * connection (described, candidate, offer, answer, open, echo) and the selected ICE pair (pair);
     * {@link #hangUp} closes it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> connectOnce(long seq, boolean early) {
        String offer = loopbackOnly((String) leader.evaluate("early => bench.dial(early)", early));
        String answer = loopbackOnly((String) follower.evaluate("([sdp, early]) => bench.pickUp(sdp, early)",
                List.of(offer, early)));
        Map<String, Object> r = (Map<String, Object>) leader.evaluate("([sdp, t, seq]) => bench.complete(sdp, t, seq)",
                List.of(answer, Payload.templateJson(), (double) seq));
        path = String.valueOf(r.get("pair"));
        return r;
    }

    /** Closes the connection of {@link #connectOnce} on both pages. */
    public void hangUp() {
        leader.evaluate("bench.hangUp()");
        follower.evaluate("bench.hangUp()");
    }

    /** The selected ICE pair of the last connection ("udp 127.0.0.1:p -> 127.0.0.1:q"). */
    public String selectedPair() {
        return path;
    }

    /** A page of its own Chromium pinned to core, cross-origin isolated (5 µs performance.now()). */
    private Page page(Path chromium, int core, String role, String js) throws IOException {
        Path wrapper = scripts.resolve("chromium-" + role + ".sh");
        List<String> cmd = new ArrayList<>(netns.exec());
        cmd.addAll(ChildJvm.pin(core));
        cmd.add(chromium.toString());
        Files.writeString(wrapper, "#!/bin/sh\n# Chromium for the " + role + " page: pinned, in the benchmark's network namespace\n"
                + "exec " + cmd.stream().map(DataChannelPeer::quote).collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        List<String> args = new ArrayList<>(ARGS);
        args.add("--companion-bench-role=" + role + "-" + ProcessHandle.current().pid());
        Browser b = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(wrapper).setArgs(args));
        browsers.add(b);
        Page p = b.newPage();
        String html = "<!doctype html><title>companion bench " + role + "</title><script>" + js + "</script>";
        p.route(ORIGIN + "**", r -> r.fulfill(new Route.FulfillOptions().setStatus(200).setHeaders(Map.of(
                "Content-Type", "text/html; charset=utf-8",
                "Cross-Origin-Opener-Policy", "same-origin",
                "Cross-Origin-Embedder-Policy", "require-corp")).setBody(html)));
        p.navigate(ORIGIN + role);
        if (!Boolean.TRUE.equals(p.evaluate("crossOriginIsolated"))) {
            throw new IllegalStateException("the " + role + " page is not cross-origin isolated (coarse clock)");
        }
        return p;
    }

    /** The SDP with only UDP host candidates on 127.0.0.1 (everything stays on loopback). */
    static String loopbackOnly(String sdp) {
        String kept = Arrays.stream(sdp.split("\r\n"))
                .filter(l -> !l.startsWith("a=candidate:") || l.matches("a=candidate:\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 \\d+ typ host.*"))
                .collect(Collectors.joining("\r\n")) + "\r\n";
        if (!kept.contains(" 127.0.0.1 ")) {
            throw new IllegalStateException("Chromium offered no UDP candidate on 127.0.0.1:\n" + sdp);
        }
        return kept;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DataChannelPeer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String name() {
        return "datachannel";
    }

    @Override
    public int group() {
        return 2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunResult run(int run, double rate, double seconds) {
        Map<String, Object> r = (Map<String, Object>) leader.evaluate(
                "([t, rate, seconds, first]) => bench.run(t, rate, seconds, first)",
                List.of(Payload.templateJson(), rate, seconds, (double) Payload.seq(run, 0)));
        int sent = ((Number) r.get("sent")).intValue();
        return new RunResult(sent, sent, ((Number) r.get("acked")).longValue(), hist(r.get("rtt")), hist(r.get("fromSend")),
                hist(r.get("late")), ((Number) r.get("seconds")).doubleValue());
    }

    private static Histogram hist(Object samples) {
        Histogram h = Hist.micros();
        for (Object o : (List<?>) samples) {
            h.recordValue(Math.clamp(((Number) o).longValue(), 0, Hist.MAX_MICROS));
        }
        return h;
    }

    @Override
    public List<ProcessHandle> leaderProcesses() {
        return browserProcess("leader");
    }

    @Override
    public List<ProcessHandle> otherProcesses() {
        return browserProcess("follower");
    }

    /** The browser process launched for role (its descendants are counted by Cpu.of). */
    private static List<ProcessHandle> browserProcess(String role) {
        String marker = "--companion-bench-role=" + role + "-" + ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .filter(p -> p.parent().map(pp -> !pp.info().commandLine().map(c -> c.contains(marker)).orElse(false)).orElse(true))
                .toList();
    }

    @Override
    public String layout() {
        String version = browsers.isEmpty() ? "?" : browsers.get(0).version();
        return ChildJvm.layout("two headless Chromium " + version
                + " (one page each, driven by Playwright for Java): leader's browser on core 0, follower's on core 1; "
                + netns.describe() + "; selected ICE pair " + path + "; ordered reliable DataChannel (SCTP/DTLS/UDP)");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Browser b : browsers) {
            try {
                b.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        try {
            playwright.close();
        } catch (RuntimeException e) {
            // driver already gone
        }
        netns.close();
    }
}
