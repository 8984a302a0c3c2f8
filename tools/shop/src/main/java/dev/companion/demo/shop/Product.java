package dev.companion.demo.shop;

import java.util.List;
import java.util.Optional;

/**
 * A product of the shop.
 *
 * @param id stable id used in URLs ({@code /product/green-tea})
 * @param name English name
 * @param nameZh Chinese name
 * @param kind what picture to draw
 * @param color main colour of the picture (CSS colour)
 * @param summary one line for listings
 * @param description paragraphs for the Description tab
 * @param facts label/value pairs (brewing guide or specifications)
 * @param options sizes; the first is the default
 * @param reviews customer reviews
 */
record Product(
        String id,
        String name,
        String nameZh,
        Kind kind,
        String color,
        String summary,
        List<String> description,
        List<Fact> facts,
        List<Option> options,
        List<Review> reviews) {

    enum Kind { TEA, TEAPOT, CUPS, WHISK }

    /** A size the product comes in, e.g. {@code 250g}, with its price. */
    record Option(String id, String label, int priceCents) {}

    record Fact(String label, String value) {}

    record Review(String author, int stars, String date, String title, String text) {}

    Optional<Option> option(String optionId) {
        return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
    }

    int fromPriceCents() {
        return options.stream().mapToInt(Option::priceCents).min().orElse(0);
    }

    double averageStars() {
        return reviews.stream().mapToInt(Review::stars).average().orElse(0);
    }
}
