package dev.companion.demo.shop;

import dev.companion.demo.shop.Product.Fact;
import dev.companion.demo.shop.Product.Kind;
import dev.companion.demo.shop.Product.Option;
import dev.companion.demo.shop.Product.Review;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The fixed product list. Everything here is constant so that tests and demos are repeatable. */
final class Catalog {
    private final List<Product> products = List.of(
            tea("green-tea", "Longjing Green Tea", "龙井绿茶", "#6a9a3a",
                    "Pan-fired Dragon Well leaves from Hangzhou: chestnut-sweet and fresh.",
                    new int[] {1200, 2200, 4800}, "80 °C", "3 g / 150 ml", "2 min", "3",
                    List.of(
                            "Longjing, or Dragon Well, grows on the hills around West Lake in Hangzhou. Our leaves "
                                    + "are picked in early spring, before the Qingming festival, when the buds are "
                                    + "small and tender.",
                            "Each batch is pan-fired by hand in a hot wok, which presses the leaves flat and stops "
                                    + "them from oxidising. That gives the tea its jade colour and its famous "
                                    + "roasted-chestnut sweetness.",
                            "In the cup: a pale green liquor, a soft body, and a clean, lightly vegetal finish. "
                                    + "Brew it in a glass to watch the leaves stand up and dance."),
                    0),
            tea("oolong-tea", "Tieguanyin Oolong Tea", "铁观音乌龙茶", "#3f7f6a",
                    "Rolled Anxi oolong with an orchid perfume and a creamy finish.",
                    new int[] {1000, 1800, 4000}, "95 °C", "5 g / 100 ml", "45 s", "6",
                    List.of(
                            "Tieguanyin, the Iron Goddess of Mercy, comes from Anxi county in Fujian. The leaves "
                                    + "are bruised, partly oxidised and then rolled into tight green pearls.",
                            "This is a lightly oxidised, modern-style Tieguanyin: floral, buttery and long. The "
                                    + "pearls open slowly, so the third and fourth infusions are often the best.",
                            "Use short steeps and a small pot or gaiwan. Rinse the leaves once with hot water "
                                    + "before the first cup to wake them up."),
                    1),
            tea("black-tea", "Keemun Black Tea", "祁门红茶", "#8a3b22",
                    "Smooth Anhui black tea with notes of cocoa, pine and stone fruit.",
                    new int[] {900, 1600, 3500}, "95 °C", "3 g / 200 ml", "3 min", "2",
                    List.of(
                            "Keemun is grown in Qimen county, in southern Anhui. In Chinese it is a red tea, "
                                    + "hong cha, named after the colour of the cup rather than the leaf.",
                            "Fully oxidised and slowly dried, our Keemun has a gentle smokiness, a hint of cocoa "
                                    + "and a sweet, almost winey finish. It takes milk well but is lovely on its own.",
                            "A good everyday tea for a big pot on a cold afternoon."),
                    2),
            tea("jasmine-tea", "Jasmine Pearl Tea", "茉莉龙珠", "#c9a227",
                    "Hand-rolled green tea pearls scented with fresh jasmine flowers.",
                    new int[] {1100, 2000, 4500}, "80 °C", "2 g / 150 ml", "2 min", "4",
                    List.of(
                            "Jasmine pearls are made from tender green tea leaves that are rolled by hand into "
                                    + "small balls and stored with fresh jasmine blossoms over several nights.",
                            "The flowers are removed by hand after each scenting, so only their perfume stays "
                                    + "in the tea. The cup is sweet, floral and never bitter.",
                            "Watch the pearls unfurl in a glass: it takes about a minute for them to open."),
                    3),
            tea("white-tea", "Bai Mudan White Tea", "白牡丹白茶", "#b9a88a",
                    "Silvery buds and young leaves from Fuding: honeyed and gentle.",
                    new int[] {1300, 2400, 5200}, "85 °C", "4 g / 150 ml", "3 min", "4",
                    List.of(
                            "White Peony, Bai Mudan, is a white tea from Fuding in Fujian: one bud and two leaves, "
                                    + "simply withered and dried in the sun without rolling or firing.",
                            "The result tastes of hay, honey and melon. White teas also age well: keep a bag for a "
                                    + "few years and it turns darker and sweeter."),
                    4),
            ware("teapot", "Yixing Clay Teapot", "宜兴紫砂壶", Kind.TEAPOT, "#8b4a2b",
                    "A hand-built purple-clay pot for oolong and black teas.",
                    List.of(new Option("200ml", "200 ml", 4200), new Option("350ml", "350 ml", 5600),
                            new Option("500ml", "500 ml", 7200)),
                    List.of(new Fact("Material 材质", "Zisha purple clay, unglazed"),
                            new Fact("Made in 产地", "Dingshan, Yixing, Jiangsu"),
                            new Fact("Care 保养", "Rinse with hot water only, no soap"),
                            new Fact("Best for 适合", "Oolong, black and aged teas")),
                    List.of(
                            "Yixing pots are made from zisha, the purple clay of Jiangsu province. The clay is "
                                    + "porous and unglazed, so over many brewings it takes on the character of "
                                    + "the tea you make in it.",
                            "Ours is hand-built from slabs of clay by a small workshop in Dingshan. The lid fits "
                                    + "tightly and the spout pours a clean, even stream.",
                            "Keep one pot for one family of teas, rinse it with hot water after use and let it "
                                    + "dry with the lid off."),
                    5),
            ware("tea-cups", "Celadon Tea Cups", "青瓷茶杯", Kind.CUPS, "#7fa99b",
                    "Small jade-green porcelain cups from Longquan, sold in sets.",
                    List.of(new Option("set-2", "Set of 2", 1800), new Option("set-4", "Set of 4", 3200),
                            new Option("set-6", "Set of 6", 4500)),
                    List.of(new Fact("Material 材质", "Longquan celadon porcelain"),
                            new Fact("Size 尺寸", "60 ml each"),
                            new Fact("Care 保养", "Dishwasher safe, not for the microwave"),
                            new Fact("Best for 适合", "Every tea")),
                    List.of(
                            "Longquan celadon has been made in Zhejiang for more than a thousand years. Its soft "
                                    + "green glaze shows off the colour of green, yellow and oolong teas.",
                            "These cups hold about 60 ml: the right size for gongfu brewing, where many short "
                                    + "infusions are shared around the table."),
                    6),
            ware("bamboo-whisk", "Bamboo Matcha Whisk", "竹制茶筅", Kind.WHISK, "#c8a96a",
                    "A chasen carved from a single piece of bamboo, for frothy matcha.",
                    List.of(new Option("80-prong", "80 prongs", 1400), new Option("100-prong", "100 prongs", 1600),
                            new Option("120-prong", "120 prongs", 1900)),
                    List.of(new Fact("Material 材质", "Natural white bamboo"),
                            new Fact("Care 保养", "Rinse in warm water, dry on a stand"),
                            new Fact("Best for 适合", "Matcha and other powdered teas")),
                    List.of(
                            "A whisk is carved from one length of bamboo: the end is split into fine prongs which "
                                    + "are then curled by hand. More prongs give a finer, creamier foam.",
                            "Soak the whisk in warm water for a minute before use so the prongs stay supple."),
                    7));

    /** Every product, in catalogue order. */
    List<Product> all() {
        return products;
    }

    Optional<Product> find(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Products shown on the home page. */
    List<Product> featured() {
        return List.of(products.get(0), products.get(1), products.get(3), products.get(5));
    }

    /**
     * Products whose English or Chinese name contains every word of the query, case-insensitively, in
     * catalogue order. A blank query matches everything.
     */
    List<Product> search(String query) {
        String[] terms = query == null ? new String[0] : query.strip().toLowerCase(Locale.ROOT).split("\\s+");
        List<String> words = Arrays.stream(terms).filter(t -> !t.isEmpty()).toList();
        List<Product> out = new ArrayList<>();
        for (Product p : products) {
            String hay = (p.name() + " " + p.nameZh()).toLowerCase(Locale.ROOT);
            if (words.stream().allMatch(hay::contains)) {
                out.add(p);
            }
        }
        return out;
    }

    private static Product tea(String id, String name, String nameZh, String color, String summary,
            int[] prices, String water, String leaf, String steep, String infusions, List<String> description,
            int index) {
        List<Option> sizes = List.of(
                new Option("50g", "50 g", prices[0]),
                new Option("100g", "100 g", prices[1]),
                new Option("250g", "250 g", prices[2]));
        List<Fact> facts = List.of(
                new Fact("Water 水温", water),
                new Fact("Leaf 茶量", leaf),
                new Fact("First steep 首泡", steep),
                new Fact("Infusions 冲泡次数", infusions),
                new Fact("Storage 储存", "Airtight, cool, dark, away from strong smells"));
        return new Product(id, name, nameZh, Kind.TEA, color, summary, description, facts, sizes,
                Reviews.pick(Reviews.TEA, index));
    }

    private static Product ware(String id, String name, String nameZh, Kind kind, String color, String summary,
            List<Option> options, List<Fact> facts, List<String> description, int index) {
        return new Product(id, name, nameZh, kind, color, summary, description, facts, options,
                Reviews.pick(Reviews.WARE, index));
    }

    /** Canned reviews, handed out to products in a fixed rotation. */
    private static final class Reviews {
        static final List<Review> TEA = List.of(
                new Review("Mei L.", 5, "2024-04-02", "My new favourite 最爱",
                        "Bright and fresh, and it stays sweet even on the third infusion. I have already "
                                + "ordered a second bag for my parents."),
                new Review("Tom H.", 4, "2024-03-18", "Lovely, brew it cooler",
                        "The first cup was a little bitter because my water was too hot. Following the "
                                + "brewing guide fixed it completely."),
                new Review("Aiko S.", 5, "2024-02-27", "Smells wonderful",
                        "Opening the bag fills the kitchen with the scent. Packaging is neat and the leaves "
                                + "are whole, not dusty."),
                new Review("李伟", 5, "2024-02-10", "很好喝",
                        "味道纯正，回甘明显。包装也很用心，会再买。"),
                new Review("Sara K.", 3, "2024-01-22", "Good, a bit pricey",
                        "Nice tea and quick delivery. I would buy the 250 g bag next time; it is better value."),
                new Review("Jonas B.", 4, "2024-01-05", "Great with breakfast",
                        "I make a pot every morning. Gentle, no harsh edges, and the leaves can be brewed twice."),
                new Review("Priya N.", 5, "2023-12-14", "A perfect gift 送礼佳品",
                        "Bought it gift wrapped for a friend who lived in Hangzhou; she said it tastes like home."),
                new Review("王芳", 4, "2023-11-30", "不错",
                        "香气很好，第二泡最好喝。希望以后有更小的试饮装。"));

        static final List<Review> WARE = List.of(
                new Review("Daniel R.", 5, "2024-04-11", "Beautiful craftsmanship",
                        "You can feel that this was made by hand. It is lighter than I expected and pours well."),
                new Review("陈静", 5, "2024-03-09", "做工精细",
                        "质感很好，颜色比图片还漂亮。包装很结实，没有磕碰。"),
                new Review("Hannah W.", 4, "2024-02-19", "Lovely, slightly small",
                        "Exactly as described, just smaller than I imagined. Check the sizes before ordering."),
                new Review("Kenji M.", 5, "2024-01-30", "Daily use",
                        "I use it every day. After a month it still looks new and it makes tea time feel special."),
                new Review("Olivia P.", 4, "2023-12-21", "Nice present",
                        "Ordered with gift wrap; it arrived in a pretty cloth wrap with a handwritten card."),
                new Review("Marco F.", 3, "2023-12-02", "Good but slow shipping",
                        "The piece is great. Delivery took nine days, which was longer than promised."),
                new Review("赵磊", 5, "2023-11-15", "物超所值",
                        "朋友推荐的，果然不错。和店里买的一样好。"));

        /** Six reviews from the pool, starting at a place that depends on the product's index. */
        static List<Review> pick(List<Review> pool, int index) {
            List<Review> out = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                out.add(pool.get((index * 3 + i) % pool.size()));
            }
            return List.copyOf(out);
        }
    }
}
