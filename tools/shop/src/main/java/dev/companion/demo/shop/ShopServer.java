package dev.companion.demo.shop;

import static dev.companion.demo.shop.Html.esc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Leaf &amp; Cup", a small sample tea shop that the demo and the end-to-end tests browse: server-rendered
 * pages with plain forms, three built-in users, per-user carts, a film, an iframe and a payment form. All
 * state is in memory and the catalogue is fixed, so every run behaves the same.
 *
 * <p>Run it with {@code java dev.companion.demo.shop.ShopServer [--port N] [--bind HOST]}.
 */
public final class ShopServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShopServer.class);

    private interface Handler {
        void handle(ShopExchange ex) throws IOException;
    }

    /** Handlers of one path, by HTTP method. */
    private record Route(Map<String, Handler> byMethod) {
        Route() {
            this(new LinkedHashMap<>());
        }

        Route on(Handler handler, String... methods) {
            for (String m : methods) {
                byMethod.put(m, handler);
            }
            return this;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Accounts accounts = new Accounts();
    private final Layout layout;
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final ProductPage productPage;
    private final CartPages cartPages;
    private final AccountPages accountPages;
    private final StaticFiles files = new StaticFiles();
    private final Carts carts = new Carts();

    private ShopServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
        Catalog catalog = new Catalog();
        layout = new Layout(carts);
        CatalogPages catalogPages = new CatalogPages(catalog, layout);
        accountPages = new AccountPages(accounts, layout);
        cartPages = new CartPages(catalog, carts, layout);
        LabPages labPages = new LabPages(layout);
        productPage = new ProductPage(catalog, layout);

        get("/", catalogPages::home);
        get("/search", catalogPages::search);
        get("/login", accountPages::form);
        post("/login", accountPages::submit);
        route("/logout").on(accountPages::logout, "GET", "POST");
        get("/cart", cartPages::redirectToOwn);
        get("/account", accountPages::redirectToOwn);
        post("/cart/add", cartPages::add);
        post("/cart/remove", cartPages::remove);
        post("/cart/clear", cartPages::clear);
        get("/api/cart", cartPages::api);
        get("/video", labPages::video);
        get("/film-night", labPages::filmNight);
        get("/frame", labPages::frame);
        route("/frame/inner").on(labPages::frameInner, "GET", "HEAD", "POST");
        route("/private").on(labPages::payment, "GET", "HEAD", "POST");
        get("/favicon.ico", ex -> ex.send(204, null, new byte[0]));

        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /**
     * Starts a shop on {@code bindHost:port}.
     *
     * @param bindHost address to listen on, e.g. {@code 127.0.0.1}
     * @param port port, or 0 for any free port (see {@link #port()})
     */
    public static ShopServer start(String bindHost, int port) throws IOException {
        InetAddress address = InetAddress.getByName(bindHost);
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 50);
        ShopServer shop;
        try {
            shop = new ShopServer(http, bindHost);
        } catch (RuntimeException | Error e) {
            http.stop(0);
            throw e;
        }
        http.start();
        log.info("shop listening on {}/", shop.baseUrl());
        return shop;
    }

    /**
     * What is in user's cart, one "product/size/qty/gift" string per line, in order: lets a test or
     * the demo check whose cart an action landed in without signing in as that user.
     */
    public java.util.List<String> cartSummary(String user) {
        return carts.lines(user).stream()
                .map(l -> l.product().id() + "/" + l.option().id() + "/" + l.qty() + "/" + (l.gift() ? "gift" : "plain"))
                .toList();
    }

    /**
     * Film night's lab (tests): closes (closed true) or opens the gate called name; while it is closed,
     * film responses to a browser whose {@code film-lab} cookie says {@code gate:NAME} wait (at most 30 s).
     */
    public void filmGate(String name, boolean closed) {
        if (closed) {
            files.gates().close(name);
        } else {
            files.gates().open(name);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The shop's address without a trailing slash, e.g. {@code http://127.0.0.1:41234}; a wildcard bind
     * address is shown as {@code 127.0.0.1}.
     */
    public String baseUrl() {
        InetAddress address = server.getAddress().getAddress();
        String shown = address.isAnyLocalAddress() ? "127.0.0.1" : host;
        if (shown.contains(":") && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return "http://" + shown + ":" + port();
    }

    /** {@link #baseUrl()} plus a path that starts with {@code /}, e.g. {@code url("/product/green-tea")}. */
    public String url(String path) {
        return baseUrl() + path;
    }

    /** Stops listening and drops all state. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** {@code --port N} (default 0: any free port) and {@code --bind HOST} (default 127.0.0.1). */
    public static void main(String[] args) throws Exception {
        int port = 0;
        String bind = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--bind" -> bind = value(args, ++i, "--bind");
                case "--help", "-h" -> {
                    System.out.println("usage: ShopServer [--port N] [--bind HOST]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: ShopServer [--port N] [--bind HOST])");
            }
        }
        ShopServer shop = start(bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shop.close();
            stopped.countDown();
        }, "shop-shutdown"));
        System.out.println("shop listening on " + shop.baseUrl() + "/");
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private Route route(String path) {
        return routes.computeIfAbsent(path, p -> new Route());
    }

    private void get(String path, Handler handler) {
        route(path).on(handler, "GET", "HEAD");
    }

    private void post(String path, Handler handler) {
        route(path).on(handler, "POST");
    }

    private void dispatch(HttpExchange he) {
        try (he) {
            ShopExchange ex = new ShopExchange(he, accounts);
            try {
                route(ex);
            } catch (HttpError e) {
                if (!ex.responseSent()) {
                    errorPage(ex, e);
                }
            } catch (IOException e) {
                log.debug("shop: {} {} failed: {}", ex.method(), ex.path(), e.toString());
            } catch (RuntimeException e) {
                log.warn("shop: {} {} failed", ex.method(), ex.path(), e);
                if (!ex.responseSent()) {
                    errorPage(ex, new HttpError(500, "Something went wrong on our side."));
                }
            }
        }
    }

    private void route(ShopExchange ex) throws IOException {
        String path = ex.path();
        String method = ex.method();
        Route route = routes.get(path);
        if (route == null && path.startsWith(ProductPage.PREFIX)) {
            route = new Route().on(productPage::render, "GET", "HEAD");
        } else if (route == null && path.matches("/cart/[^/]+")) {
            route = new Route().on(cartPages::view, "GET", "HEAD");
        } else if (route == null && path.matches("/account/[^/]+")) {
            route = new Route().on(accountPages::account, "GET", "HEAD");
        } else if (route == null && files.has(path)) {
            route = new Route().on(files::serve, "GET", "HEAD");
        }
        if (route == null) {
            throw new HttpError(404, "There is no page at “" + path + "”.");
        }
        Handler handler = route.byMethod().get(method);
        if (handler == null) {
            ex.responseHeaders().set("Allow", String.join(", ", route.byMethod().keySet().stream().sorted().toList()));
            throw new HttpError(405, method + " is not allowed here.");
        }
        handler.handle(ex);
    }

    private void errorPage(ShopExchange ex, HttpError e) {
        try {
            StringBuilder items = new StringBuilder();
            for (String m : e.messages()) {
                items.append("<li>").append(esc(m)).append("</li>");
            }
            String back = e.backHref() == null ? "/" : e.backHref();
            String title = switch (e.status()) {
                case 400 -> "Please check your input";
                case 404 -> "Not found";
                case 405 -> "Not allowed";
                default -> "Error " + e.status();
            };
            String main = """
                    <section class="error-page">
                      <h1>%s</h1>
                      <div id="error" class="banner error" role="alert" data-status="%d"><ul>%s</ul></div>
                      <p><a id="back" href="%s">Go back</a> <span lang="zh">返回</span></p>
                    </section>
                    """.formatted(esc(title), e.status(), items, esc(back));
            ex.html(e.status(), layout.page(ex, title, main));
        } catch (IOException io) {
            log.debug("shop: could not send error page: {}", io.toString());
        }
    }
}
