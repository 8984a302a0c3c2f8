package dev.companion.testkit.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two homes and the internet between them, made of network namespaces on this machine (root only):
 *
 * <pre>
 *  home A: host 10.0.1.2 ─ router 10.0.1.1 | 100.64.1.2 ─┐
 *                                                         internet 100.64.1.1 / 100.64.2.1
 *  home B: host 10.0.2.2 ─ router 10.0.2.1 | 100.64.2.2 ─┘   (control center, STUN, coturn)
 * </pre>
 *
 * Each router masquerades its home behind its internet address with kernel NAT (nftables): a
 * {@link Nat#CONE} router keeps a mapping's port for every destination, a {@link Nat#SYMMETRIC} one
 * picks a random port per destination (fully-random), so only a relay joins two of them; both drop
 * unsolicited traffic from the internet, as real routers do. No namespace has a default route:
 * nothing leaves the machine. {@link #cut} drops everything between the two routers (the direct
 * path breaks, the relay still works). {@link #lan} makes a LAN instead. {@link #close} deletes every namespace (and with them every
 * process left inside); safe twice. Names carry this JVM's pid and a count, so parallel runs and labs do not meet.
 */
public final class NatLab implements AutoCloseable {
    /** How a home's router maps ports. */
    public enum Nat { CONE, SYMMETRIC }

    public static final String INTERNET_A = "100.64.1.1";
    public static final String INTERNET_B = "100.64.2.1";

    private static final java.util.concurrent.atomic.AtomicInteger LABS = new java.util.concurrent.atomic.AtomicInteger();
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private boolean closed;

    private NatLab(String prefix) {
        this.prefix = prefix;
    }

    /** Why no lab can be made here (not root, no ip or nft), or null when it can. */
    public static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "network namespaces need root (this runs as " + System.getProperty("user.name") + ")";
        }
        for (String tool : List.of("ip", "nft")) {
            if (which(tool) == null) {
                return tool + " not found (apt-get install iproute2 nftables)";
            }
        }
        return null;
    }

    /** Whether coturn's turnserver is installed. */
    public static boolean hasCoturn() {
        return which("turnserver") != null;
    }

    /** Builds the two homes behind routers of the given kinds. */
    public static NatLab create(Nat a, Nat b) throws IOException {
        NatLab lab = new NatLab("cl" + ProcessHandle.current().pid() % 100000 + "-" + LABS.incrementAndGet() + "-");
        try {
            lab.build(a, b);
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A LAN with no router and nothing else: two namespaces joined by one cable (a veth pair),
     * {@link #teacher()} with {@value #TEACHER} and {@link #classroom()} with {@value #CLASSROOM}
     * and extra addresses 10.9.0.10, .11, … (one per terminal, so each has its own address as on
     * a real LAN). No routes but the LAN's own, no control center anywhere.
     */
    public static NatLab lan(int extraAddresses) throws IOException {
        NatLab lab = new NatLab("cl" + ProcessHandle.current().pid() % 100000 + "-" + LABS.incrementAndGet() + "-");
        try {
            for (String ns : List.of(lab.teacher(), lab.classroom())) {
                sh("ip", "netns", "add", ns);
                lab.namespaces.add(ns);
                sh("ip", "-n", ns, "link", "set", "lo", "up");
            }
            sh("ip", "link", "add", "eth0", "netns", lab.teacher(), "type", "veth", "peer", "name", "eth0", "netns", lab.classroom());
            sh("ip", "-n", lab.teacher(), "addr", "add", TEACHER + "/24", "dev", "eth0");
            sh("ip", "-n", lab.classroom(), "addr", "add", CLASSROOM + "/24", "dev", "eth0");
            for (int i = 0; i < extraAddresses; i++) {
                sh("ip", "-n", lab.classroom(), "addr", "add", lanAddress(i) + "/24", "dev", "eth0");
            }
            sh("ip", "-n", lab.teacher(), "link", "set", "eth0", "up");
            sh("ip", "-n", lab.classroom(), "link", "set", "eth0", "up");
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A teacher's computer on two networks and nothing else: the teacher's namespace has "eth0" with
     * {@value #TEACHER} (the school's private LAN) and "wan0" with {@value #OTHER_NET} (not a private
     * address; made last, which Java lists first here), each a cable to the classroom's namespace
     * ({@value #OTHER_PEER}, {@value #CLASSROOM}). No routes but the two networks' own.
     */
    public static NatLab twoLans() throws IOException {
        NatLab lab = new NatLab("cl" + ProcessHandle.current().pid() % 100000 + "-" + LABS.incrementAndGet() + "-");
        try {
            for (String ns : List.of(lab.teacher(), lab.classroom())) {
                sh("ip", "netns", "add", ns);
                lab.namespaces.add(ns);
                sh("ip", "-n", ns, "link", "set", "lo", "up");
            }
            String[][] cables = {{"eth0", TEACHER, CLASSROOM}, {"wan0", OTHER_NET, OTHER_PEER}};
            for (String[] c : cables) {
                sh("ip", "link", "add", c[0], "netns", lab.teacher(), "type", "veth", "peer", "name", c[0], "netns", lab.classroom());
                sh("ip", "-n", lab.teacher(), "addr", "add", c[1] + "/24", "dev", c[0]);
                sh("ip", "-n", lab.classroom(), "addr", "add", c[2] + "/24", "dev", c[0]);
                sh("ip", "-n", lab.teacher(), "link", "set", c[0], "up");
                sh("ip", "-n", lab.classroom(), "link", "set", c[0], "up");
            }
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** {@link #twoLans}: the teacher's address on the network that is not private (the benchmarking range), and its peer's. */
    public static final String OTHER_NET = "198.18.7.1";
    public static final String OTHER_PEER = "198.18.7.2";
    public static final String TEACHER = "10.9.0.1";
    public static final String CLASSROOM = "10.9.0.2";

    /** The i-th extra address of the classroom's namespace (i from 0). */
    public static String lanAddress(int i) {
        return "10.9.0." + (10 + i);
    }

    /** The teacher's namespace of a {@link #lan} lab. */
    public String teacher() {
        return prefix + "t";
    }

    /** The students' namespace of a {@link #lan} lab. */
    public String classroom() {
        return prefix + "c";
    }

    public String internet() {
        return prefix + "net";
    }

    /** The namespace of home A's (or B's) computer. */
    public String home(char which) {
        return prefix + "h" + Character.toLowerCase(which);
    }

    private String router(char which) {
        return prefix + "r" + Character.toLowerCase(which);
    }

    private void build(Nat a, Nat b) throws IOException {
        String net = internet();
        for (String ns : List.of(net, router('a'), home('a'), router('b'), home('b'))) {
            sh("ip", "netns", "add", ns);
            namespaces.add(ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh("ip", "netns", "exec", net, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        home(net, 'a', "1", a);
        home(net, 'b', "2", b);
    }

    private void home(String net, char which, String n, Nat nat) throws IOException {
        String r = router(which);
        String h = home(which);
        String side = "w" + which;
        sh("ip", "link", "add", side, "netns", net, "type", "veth", "peer", "name", "wan", "netns", r);
        sh("ip", "link", "add", "lan", "netns", r, "type", "veth", "peer", "name", "eth0", "netns", h);
        sh("ip", "-n", net, "addr", "add", "100.64." + n + ".1/24", "dev", side);
        sh("ip", "-n", net, "link", "set", side, "up");
        sh("ip", "-n", r, "addr", "add", "100.64." + n + ".2/24", "dev", "wan");
        sh("ip", "-n", r, "addr", "add", "10.0." + n + ".1/24", "dev", "lan");
        sh("ip", "-n", r, "link", "set", "wan", "up");
        sh("ip", "-n", r, "link", "set", "lan", "up");
        sh("ip", "-n", r, "route", "add", "100.64.0.0/16", "via", "100.64." + n + ".1");
        sh("ip", "netns", "exec", r, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        sh("ip", "-n", h, "addr", "add", "10.0." + n + ".2/24", "dev", "eth0");
        sh("ip", "-n", h, "link", "set", "eth0", "up");
        sh("ip", "-n", h, "route", "add", "100.64.0.0/16", "via", "10.0." + n + ".1");
        String rules = """
                table ip nat {
                  chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "wan" masquerade%s; }
                }
                table ip filter {
                  chain forward { type filter hook forward priority filter; policy accept;
                    iifname "wan" ct state established,related accept; iifname "wan" drop; }
                  chain input { type filter hook input priority filter; policy accept;
                    iifname "wan" ct state established,related accept; iifname "wan" drop; }
                }
                """.formatted(nat == Nat.SYMMETRIC ? " fully-random" : "");
        nft(r, rules);
    }

    /** The address of home which's computer (its private address). */
    public static String hostAddress(char which) {
        return "10.0." + (Character.toLowerCase(which) == 'a' ? 1 : 2) + ".2";
    }

    /** Drops (on) or lets through again (off) all traffic between the two routers: the direct path. */
    public void cut(boolean on) throws IOException {
        if (on) {
            nft(internet(), """
                    table ip cut {
                      chain forward { type filter hook forward priority filter; policy accept;
                        ip saddr 100.64.1.2 ip daddr 100.64.2.2 drop; ip saddr 100.64.2.2 ip daddr 100.64.1.2 drop; }
                    }
                    """);
        } else {
            sh("ip", "netns", "exec", internet(), "nft", "delete", "table", "ip", "cut");
        }
    }

    /** Drops percent % of the packets each router sends to the internet, at random (both directions lose that share). */
    public void loss(int percent) throws IOException {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("loss must be 0..100 %");
        }
        for (char which : new char[] {'a', 'b'}) {
            output(in(router(which), List.of("nft", "delete", "table", "ip", "loss")));
            if (percent > 0) {
                nft(router(which), """
                        table ip loss {
                          chain forward { type filter hook forward priority filter; policy accept;
                            oifname "wan" numgen random mod 100 < %d drop; }
                        }
                        """.formatted(percent));
            }
        }
    }

    /** command run inside namespace ns. */
    public List<String> in(String ns, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Starts coturn in the internet on {@value #INTERNET_A}:3478 (no TLS, TURN REST credentials with
     * secret; relayed ports 49152–49407), its files and log in dir. Stopped by {@link #close}.
     */
    public void coturn(Path dir, String secret) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, String.join("\n",
                "listening-ip=" + INTERNET_A, "relay-ip=" + INTERNET_A, "listening-port=3478",
                "min-port=49152", "max-port=49407", "use-auth-secret", "static-auth-secret=" + secret,
                "realm=companion.test", "no-tls", "no-dtls", "no-cli", "no-multicast-peers", "fingerprint",
                "no-software-attribute", "pidfile=" + dir.resolve("turnserver.pid"),
                "userdb=" + dir.resolve("turndb"), "log-file=" + dir.resolve("turnserver.log"), "simple-log", ""),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(in(internet(), List.of("turnserver", "-c", conf.toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("turnserver.out").toFile()).start();
        processes.add(p);
        waitForUdp(internet(), 3478);
    }

    /** Waits (up to 10 s) until something in ns listens on UDP port. */
    public void waitForUdp(String ns, int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String out = output(in(ns, List.of("ss", "-Hulpn", "sport = :" + port)));
            if (!out.isBlank()) {
                return;
            }
            try {
                Thread.sleep(50); // polling a process we do not own (coturn has no readiness signal)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new IOException("nothing listens on udp " + port + " in " + ns + " after 10 s");
    }

    private void nft(String ns, String rules) throws IOException {
        Process p = new ProcessBuilder(in(ns, List.of("nft", "-f", "-"))).redirectErrorStream(true).start();
        p.getOutputStream().write(rules.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        finish(p, "nft -f - in " + ns);
    }

    private static void sh(String... cmd) throws IOException {
        finish(new ProcessBuilder(cmd).redirectErrorStream(true).start(), String.join(" ", cmd));
    }

    private static void finish(Process p, String what) throws IOException {
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(what + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what);
        }
    }

    private static String output(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static Path which(String tool) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            // kill what is still inside (a child JVM a failed test left), then the namespace
            for (String pid : output(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            output(List.of("ip", "netns", "del", ns));
        }
    }
}
