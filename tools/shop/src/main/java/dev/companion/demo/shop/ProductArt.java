package dev.companion.demo.shop;

/** Simple inline SVG pictures for products (no image files needed). */
final class ProductArt {
    private ProductArt() {}

    /** The site logo: a leaf over a cup. */
    static final String LOGO = """
            <svg class="logo" viewBox="0 0 40 40" width="34" height="34" aria-hidden="true">\
            <path d="M20 4 C29 8 30 17 20 22 C10 17 11 8 20 4 Z" fill="#9cc46b"/>\
            <path d="M20 6 L20 21" stroke="#2f4f3a" stroke-width="1.2"/>\
            <path d="M7 22 H33 C33 31 27 36 20 36 C13 36 7 31 7 22 Z" fill="#f4ede0"/>\
            <path d="M33 25 C38 25 38 31 32 31" fill="none" stroke="#f4ede0" stroke-width="2.2"/>\
            </svg>""";

    /** A square picture of the product, {@code size} pixels wide. */
    static String svg(Product p, int size) {
        String c = p.color();
        String shape = switch (p.kind()) {
            case TEA -> """
                    <path d="M60 18 C92 32 96 74 60 100 C24 74 28 32 60 18 Z" fill="%1$s"/>\
                    <path d="M60 24 C62 50 61 76 60 96" stroke="#fff" stroke-opacity=".7" stroke-width="2" fill="none"/>\
                    <path d="M60 48 L76 38 M60 64 L80 54 M60 80 L74 72 M60 48 L44 38 M60 64 L40 54 M60 80 L46 72" \
                    stroke="#fff" stroke-opacity=".5" stroke-width="1.5"/>""".formatted(c);
            case TEAPOT -> """
                    <ellipse cx="58" cy="72" rx="32" ry="24" fill="%1$s"/>\
                    <path d="M88 68 C100 62 104 52 108 46 L104 44 C98 52 94 58 86 60 Z" fill="%1$s"/>\
                    <path d="M28 62 C12 60 12 84 30 82" fill="none" stroke="%1$s" stroke-width="6"/>\
                    <ellipse cx="58" cy="49" rx="20" ry="5" fill="%1$s"/>\
                    <circle cx="58" cy="42" r="5" fill="%1$s"/>\
                    <path d="M36 78 C48 86 70 86 82 78" stroke="#fff" stroke-opacity=".35" stroke-width="3" fill="none"/>\
                    """.formatted(c);
            case CUPS -> """
                    <path d="M16 52 H56 C56 74 48 86 36 86 C24 86 16 74 16 52 Z" fill="%1$s"/>\
                    <path d="M64 60 H104 C104 82 96 94 84 94 C72 94 64 82 64 60 Z" fill="%1$s" fill-opacity=".8"/>\
                    <ellipse cx="36" cy="52" rx="20" ry="4" fill="#fff" fill-opacity=".6"/>\
                    <ellipse cx="84" cy="60" rx="20" ry="4" fill="#fff" fill-opacity=".6"/>\
                    <path d="M30 40 C26 34 34 30 30 24 M42 40 C38 34 46 30 42 24" stroke="%1$s" \
                    stroke-opacity=".6" stroke-width="2" fill="none"/>""".formatted(c);
            case WHISK -> """
                    <rect x="52" y="14" width="16" height="46" rx="6" fill="%1$s"/>\
                    <path d="M52 58 C34 70 34 96 60 104 C86 96 86 70 68 58 Z" fill="%1$s" fill-opacity=".75"/>\
                    <path d="M56 60 C44 74 46 94 60 102 M64 60 C76 74 74 94 60 102 M60 60 V102" \
                    stroke="#fff" stroke-opacity=".6" stroke-width="1.5" fill="none"/>""".formatted(c);
        };
        return """
                <svg class="art" viewBox="0 0 120 120" width="%d" height="%d" role="img" aria-label="%s">\
                <rect width="120" height="120" rx="14" fill="%s" fill-opacity=".14"/>%s</svg>"""
                .formatted(size, size, Html.esc(p.name()), c, shape);
    }
}
