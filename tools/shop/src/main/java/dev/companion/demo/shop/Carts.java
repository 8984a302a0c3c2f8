package dev.companion.demo.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every user's cart, keyed by user name (not session), in memory. */
final class Carts {
    private final Map<String, Cart> byUser = new ConcurrentHashMap<>();

    /** A snapshot of the user's lines, oldest first. */
    List<CartLine> lines(String user) {
        return cart(user).lines();
    }

    CartLine add(String user, Product product, Product.Option option, boolean gift, int qty, String note) {
        return cart(user).add(product, option, gift, qty, note);
    }

    /** @return true when the line existed */
    boolean remove(String user, long lineId) {
        return cart(user).remove(lineId);
    }

    void clear(String user) {
        cart(user).clear();
    }

    /** Number of items (sum of quantities) in the user's cart; 0 for nobody. */
    int itemCount(String user) {
        if (user == null) {
            return 0;
        }
        return lines(user).stream().mapToInt(CartLine::qty).sum();
    }

    static long totalCents(List<CartLine> lines) {
        return lines.stream().mapToLong(CartLine::lineCents).sum();
    }

    private Cart cart(String user) {
        return byUser.computeIfAbsent(user, u -> new Cart());
    }

    private static final class Cart {
        private final List<CartLine> lines = new ArrayList<>();
        private long nextId = 1;

        synchronized List<CartLine> lines() {
            return List.copyOf(lines);
        }

        synchronized CartLine add(Product product, Product.Option option, boolean gift, int qty, String note) {
            CartLine line = new CartLine(nextId++, product, option, gift, qty, note);
            lines.add(line);
            return line;
        }

        synchronized boolean remove(long lineId) {
            return lines.removeIf(l -> l.id() == lineId);
        }

        synchronized void clear() {
            lines.clear();
        }
    }
}
