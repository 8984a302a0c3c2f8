package dev.companion.demo.shop;

/**
 * One line of a cart: a product in one size, optionally gift wrapped, with a quantity and a note.
 * Prices are fixed when the line is added.
 */
record CartLine(long id, Product product, Product.Option option, boolean gift, int qty, String note) {
    /** Gift wrap costs this much per item. */
    static final int GIFT_WRAP_CENTS = 200;

    long unitCents() {
        return option.priceCents() + (gift ? GIFT_WRAP_CENTS : 0);
    }

    long lineCents() {
        return unitCents() * qty;
    }
}
