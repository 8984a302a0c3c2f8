package dev.companion.p2p.protocol;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The message each golden fixture (src/test/resources/golden/&lt;type&gt;.json) must decode to. */
final class GoldenMessages {
    static final String FP = "sha-256:3f1c9a0e5b7d2c4a6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    private GoldenMessages() {
    }

    static Map<String, Message> all() {
        Messages.LinkOffer offer = new Messages.LinkOffer("t-alice-1", List.of("192.168.1.20:40123", "127.0.0.1:40123"), FP);
        Map<String, Message> m = new TreeMap<>();
        m.put("login", new Messages.Login(1L, 1, "alice", "correct horse", "t-alice-1",
                List.of("192.168.1.20:40123", "127.0.0.1:40123"), FP));
        m.put("login_ok", new Messages.LoginOk(1L, "alice", "t-alice-1", "tok-5f2b",
                List.of(new Messages.Contact("bob", true, ContactState.CONTACT), new Messages.Contact("carol", false, ContactState.PENDING_IN))));
        m.put("ok", new Messages.Ok(7L));
        m.put("error", new Messages.Error(7L, ErrorCode.TOO_MANY_ATTEMPTS, "too many failed logins lately; try again in 4 s", 4000L));
        m.put("ping", new Messages.Ping(1767225600000L));
        m.put("pong", new Messages.Pong(1767225600000L));
        m.put("contact_add", new Messages.ContactAdd(2L, "bob"));
        m.put("contact_accept", new Messages.ContactAccept(3L, "carol"));
        m.put("contact_update", new Messages.ContactUpdate(new Messages.Contact("bob", false, ContactState.PENDING_OUT)));
        m.put("presence", new Messages.Presence("bob", true));
        m.put("invite", new Messages.Invite(4L, "bob", null));
        m.put("invite_sent", new Messages.InviteSent(4L, "inv-81c2", "bob", "g-7d1e", 1767226200000L));
        m.put("invitation", new Messages.Invitation("inv-81c2", "alice", "g-7d1e", 1767226200000L));
        m.put("invite_answer", new Messages.InviteAnswer(5L, "inv-81c2", true));
        m.put("invitation_answered", new Messages.InvitationAnswered("inv-81c2", "bob", "g-7d1e", true));
        m.put("group", new Messages.GroupState("g-7d1e", 4, "alice", Mode.LEADER_FOLLOWER, Following.AUTO, Scope.PARTIAL,
                List.of(ActionKind.NAVIGATE, ActionKind.SCROLL), List.of("https://example.org/*"),
                List.of(new Messages.Member("alice", "t-alice-1", Role.LEADER, MemberState.HERE, 0),
                        new Messages.Member("bob", "t-bob-1", Role.FOLLOWER, MemberState.PAUSED, 2),
                        new Messages.Member("carol", "t-carol-1", Role.FOLLOWER, MemberState.AWAY, 1))));
        m.put("group_set", new Messages.GroupSet(9L, "g-7d1e", 4, Mode.MUTUAL, Following.MANUAL, Scope.PARTIAL,
                List.of(ActionKind.CLICK, ActionKind.NAVIGATE), List.of("https://shop.example/product/*")));
        m.put("lead_ask", new Messages.LeadAsk(10L, "g-7d1e"));
        m.put("lead_offer", new Messages.LeadOffer(11L, "g-7d1e", "bob"));
        m.put("lead_proposal", new Messages.LeadProposal("g-7d1e", "p-4c2a", ProposalKind.OFFER, "alice", "bob", 1767225660000L));
        m.put("lead_answer", new Messages.LeadAnswer(12L, "g-7d1e", "p-4c2a", true));
        m.put("lead_answered", new Messages.LeadAnswered("g-7d1e", "p-4c2a", "bob", true));
        m.put("follow_pause", new Messages.FollowPause(13L, "g-7d1e", true));
        m.put("group_leave", new Messages.GroupLeave(6L, "g-7d1e"));
        m.put("group_dissolved", new Messages.GroupDissolved("g-7d1e", DissolvedReason.LEFT, "bob"));
        Messages.IceOffer ice = new Messages.IceOffer("Xk3f", "c2Rmc2RmZGZzZGZzZGZzZGZk", List.of(
                new Messages.IceCandidate(IceCandidateType.HOST, "192.168.1.20:50412", 2130706431L, "1"),
                new Messages.IceCandidate(IceCandidateType.SRFLX, "203.0.113.7:61001", 1694498815L, "2"),
                new Messages.IceCandidate(IceCandidateType.RELAY, "198.51.100.3:49170", 16777215L, "3")));
        m.put("signal", new Messages.Signal(8L, "g-7d1e", "bob", "alice", offer.withIce(ice)));
        m.put("ice_servers", new Messages.IceServers(14L, List.of("198.51.100.3:3478"), List.of("198.51.100.3:3478"),
                "1767229200:alice", "qo1bL0pW4W3vXk3h1mX1yKZ3q2c=", 1767229200000L));
        m.put("peer_hello", new Messages.PeerHello(1, "alice", "t-alice-1", "g-7d1e"));
        m.put("peer_welcome", new Messages.PeerWelcome(1, "bob", "t-bob-1"));
        m.put("pair_request", new Messages.PairRequest(1, "Li Wei", "t-liwei-1", "lan-4f2a9c", 40123));
        m.put("pair_answer", new Messages.PairAnswer(1, true, "王芳", "t-wangfang-1", 40456));
        m.put("action", new Messages.ActionMsg("g-7d1e", "alice", 42, 57,
                new Action.Input("https://example.org/search", "0", "#q", "lanterns")));
        Action open = Action.navigate("https://shop.example/product/green-tea", NavigationCause.PAGE);
        Action choose = new Action.Change("https://shop.example/product/green-tea", "", "#size", "250g", null);
        m.put("step", new Messages.Step("g-7d1e", "alice", 43, 58, List.of(open, choose)));
        m.put("result", new Messages.Result("g-7d1e", "bob", "alice", 43, Outcome.FAILED, null, "not found: #size",
                "https://shop.example/product/green-tea"));
        m.put("resume", new Messages.Resume("g-7d1e", "bob", "alice", 41L));
        m.put("flow_share", new Messages.FlowShare("g-7d1e", "alice", "bob", "s-1", 0, 1, 464,
                "ewogICJmb3JtYXQiOiAiY29tcGFuaW9uLWZsb3ciLAogICJ2ZXJzaW9uIjogMSwKICAibmFtZSI6ICLmiZPlvIDojLblj7blsI/pk7oiLAogICJzdGVwcyI6IFsKICAgIHsKICAgICAgInBhZ2UiOiAiaHR0cDovLzEyNy4wLjAuMTo0ODA4MC8iLAogICAgICAiYWN0aW9uIjogewogICAgICAgICJraW5kIjogIm5hdmlnYXRlIiwKICAgICAgICAicGFnZSI6ICJodHRwOi8vMTI3LjAuMC4xOjQ4MDgwL2NhcnQiLAogICAgICAgICJmcmFtZSI6ICIiLAogICAgICAgICJ1cmwiOiAiaHR0cDovLzEyNy4wLjAuMTo0ODA4MC9jYXJ0IiwKICAgICAgICAiY2F1c2UiOiAidXNlciIKICAgICAgfSwKICAgICAgImV4cGVjdCI6IHsKICAgICAgICAidXJsIjogImh0dHA6Ly8xMjcuMC4wLjE6NDgwODAvY2FydCIKICAgICAgfSwKICAgICAgImFmdGVyX21zIjogMCwKICAgICAgIm93bmVyX29ubHkiOiBmYWxzZQogICAgfQogIF0KfQo="));
        m.put("catch_up", new Messages.CatchUp("g-7d1e", "alice", 5042, CatchUpReason.GAP, new Messages.PageState(
                "https://shop.example/product/green-tea",
                List.of(new Messages.FieldState("", "#size", "250g", null), new Messages.FieldState("", "#gift", null, true)),
                0, 640, List.of(new Messages.MediaState("", "#film", 73.5, false, 1.0)))));
        m.put("clock_ask", new Messages.ClockAsk("g-7d1e", "bob", "alice", 1796630400000000L));
        m.put("clock_answer", new Messages.ClockAnswer("g-7d1e", "alice", "bob", 1796630400000000L,
                1796630400012345L, 1796630400012401L));
        m.put("film", new Messages.Film("g-7d1e", "alice", "", "section > figure.feature > video", "/media/film-long.webm",
                12.25, 1.0, true, false, 1796630400500000L));
        m.put("film_ready", new Messages.FilmReady("g-7d1e", "bob", "alice", false, 12.25));
        m.put("similar_rules", new Messages.SimilarRules("g-7d1e", "alice", "shop.example", List.of(
                new Messages.UrlRule(UrlRuleKind.PATH_TOKEN, "/cart/*"), new Messages.UrlRule(UrlRuleKind.QUERY_TOKEN, "sid"),
                new Messages.UrlRule(UrlRuleKind.DROP_QUERY, "utm_*"),
                new Messages.UrlRule(UrlRuleKind.LOCALE_PREFIX, "en,de,zh-cn"))));
        m.put("join_code", new Messages.JoinCode(15L, "g-7d1e"));
        m.put("join_code_issued", new Messages.JoinCodeIssued(15L, "g-7d1e", "7KQ2M-XH4TD", "companion://join/7KQ2M-XH4TD",
                1767226200000L));
        m.put("join_lookup", new Messages.JoinLookup(16L, "7kq2m xh4td"));
        m.put("join_info", new Messages.JoinInfo(16L, "7KQ2M-XH4TD", "g-7d1e", "alice", List.of("alice", "bob"),
                1767226200000L));
        m.put("join_ask", new Messages.JoinAsk(17L, "7KQ2M-XH4TD"));
        m.put("join_asked", new Messages.JoinAsked("g-7d1e", "j-5e21", "dave", 1767225720000L));
        m.put("join_decide", new Messages.JoinDecide(18L, "g-7d1e", "j-5e21", true));
        m.put("join_answered", new Messages.JoinAnswered("g-7d1e", true));
        m.put("usage_report", new Messages.UsageReport(19L, 12, 30));
        m.put("usage_get", new Messages.UsageGet(20L, "2026-12-01", "2026-12-07"));
        m.put("usage", new Messages.Usage(20L, List.of(new Messages.UsageDay("2026-12-06", 2, 1, 1800, 12, 30),
                new Messages.UsageDay("2026-12-07", 1, 0, 600, 0, 4))));
        m.put("chat", new Messages.Chat("g-7d1e", "alice", 7, 1767225720000L, "这个绿茶不错 🍵 <b>look</b>\nsecond line"));
        m.put("chat_resume", new Messages.ChatResume("g-7d1e", "carol", 5));
        m.put("chat_history", new Messages.ChatHistory("g-7d1e", "alice", List.of(
                new Messages.ChatLine(6, 1767225710000L, "shall we look at teas?"),
                new Messages.ChatLine(7, 1767225720000L, "这个绿茶不错 🍵 <b>look</b>\nsecond line")), false));
        m.put("bot_says", new Messages.BotSays("g-7d1e", "bot-tea", BotSay.STEP, 2, 3, "按 <b>加入购物车</b>, next to Green Tea."));
        m.put("bot_answer", new Messages.BotAnswer("g-7d1e", "carol", BotReply.DID_IT, 2, "https://shop.example/cart"));
        m.put("point", new Messages.Point("g-7d1e", "alice", 1767225730000L, new Target("button", "button", "Add to cart",
                null, Map.of("name", "add", "type", "submit"), "Green Tea · Longjing, spring harvest · ¥38",
                List.of("Green Tea"), null, "main", null, null, 2, 5, "en")));
        m.put("draw", new Messages.Draw("g-7d1e", "alice", 1767225740000L, new Target("button", "button", "Add to cart",
                null, Map.of("name", "add"), "Green Tea · Longjing, spring harvest · ¥38", List.of("Green Tea"), null,
                "main", null, null, 2, 5, "en"), Ink.RED, 4000, List.of(0.05, 0.5, 0.5, 0.95, 0.95, 0.05)));
        m.put("classroom_ended", new Messages.ClassroomEnded("Room 204 · 二年级"));
        m.put("not_placed", new Messages.NotPlaced("g-7d1e", "bob", "alice", 1767225740000L, PlaceKind.POINT,
                PlaceReason.NOT_FOUND));
        return m;
    }

    /**
     * The message each variant fixture (golden/&lt;type&gt;.&lt;variant&gt;.json) must decode to: shapes
     * a type has beyond its main fixture (evidence, intents, interim outcomes).
     */
    static Map<String, Message> variants() {
        Map<String, Message> m = new TreeMap<>();
        String shop = "https://shop.example/search?q=tea";
        Target add = new Target("button", "button", "Add to cart", null, Map.of("type", "submit", "name", "add"),
                "Green Tea · Longjing, spring harvest · ¥38", List.of("Green Tea", "Results for “tea”"),
                "/cart/add", "main", null, null, 2, 5, "en");
        m.put("pair_answer.declined", Messages.PairAnswer.declined());
        m.put("action.target", new Messages.ActionMsg("g-7d1e", "alice", 44, 59,
                new Action.Click(shop, "", "main > ul > li:nth-of-type(2) > form > button", add)));
        Target wifi = new Target("toggle-switch", "switch", "Wi-Fi", null, Map.of("data-testid", "wifi"), null,
                List.of("Connections"), null, "Settings", List.of("settings-panel", "toggle-row"), null, null, null, null);
        Target size = new Target("select", "combobox", "Size", null, Map.of("name", "size"), null, List.of("Green Tea"),
                "/cart/add", "main", null, null, null, null, null);
        Target form = new Target("form", "form", null, null, Map.of("action", "/cart/add"), "Green Tea ¥38",
                List.of("Green Tea"), null, "main", null, null, 1, 3, null);
        Target button = Target.of("button", "button", "Add to cart");
        Target note = new Target("div", "textbox", "Note to the seller", null, null, null, null, null, null, null,
                "checkout-frame", null, null, "zh-CN");
        String page = "https://shop.example/product/green-tea";
        m.put("step.intent", new Messages.Step("g-7d1e", "alice", 45, 60, List.of(
                new Action.Change(page, "", null, null, true, null, wifi),
                new Action.Change(page, "", "#size", "250g", null, "250 g", size),
                new Action.Input("https://pay.example/note", "1", null, "Ring twice, please", note),
                new Action.Submit(page, "", "main form:nth-of-type(1)", null, form, button))));
        Target canvas = new Target("canvas", null, "Snake", null, Map.of("id", "board"), null, List.of("Play"), null,
                "main", null, null, null, null, "en");
        Target payment = new Target("form", "form", null, null, Map.of("action", "/pay", "id", "payment"), null, null,
                "/pay", "main", null, null, null, null, "en");
        m.put("action.owner_only", new Messages.ActionMsg("g-7d1e", "alice", 51, 66,
                new Action.Submit("https://shop.example/pay", "", "#payment", "#pay", payment,
                        Target.of("button", "button", "Pay ¥38"), true)));
        m.put("action.key", new Messages.ActionMsg("g-7d1e", "coach", 12, 30,
                new Action.Key("https://games.example/snake", "", "#board", "ArrowLeft", "ArrowLeft", KeyPhase.DOWN, null, canvas)));
        m.put("result.waiting", new Messages.Result("g-7d1e", "bob", "alice", 44, Outcome.WAITING, null,
                "target-not-found: no button 'Add to cart' near 'Green Tea' yet", shop));
        m.put("result.owner_only", new Messages.Result("g-7d1e", "bob", "alice", 46, Outcome.OWNER_ONLY, null,
                "owner-only: place order 'Place order'", "https://shop.example/checkout"));
        m.put("result.ambiguous", new Messages.Result("g-7d1e", "bob", "alice", 44, Outcome.FAILED, null,
                "ambiguous-target: 2 buttons 'Add to cart' match equally", shop));
        m.put("join_code.new", new Messages.JoinCode(21L, null));
        m.put("step.expect", new Messages.Step("g-7d1e", "bot-tea", 7, 7, List.of(
                new Action.Click(shop, "", "#add-green-tea")),
                new Messages.Expect("https://shop.example/cart*", "#cart-items li", "Green Tea")));
        m.put("result.matched", new Messages.Result("g-7d1e", "carol", "bot-tea", 7, Outcome.APPLIED, null, null,
                "https://shop.example/cart", false));
        m.put("bot_says.waiting", new Messages.BotSays("g-7d1e", "bot-tea", BotSay.NOT_DONE, 2, 3,
                "Press Add to cart, next to Green Tea.",
                new Messages.Expect("https://shop.example/cart*", "#cart-items li", "Green Tea")));
        m.put("bot_answer.matched", new Messages.BotAnswer("g-7d1e", "carol", BotReply.DID_IT, 2,
                "https://shop.example/cart", false));
        m.put("action.option_group", new Messages.ActionMsg("g-7d1e", "alice", 52, 67,
                new Action.Change("https://shop.example/drinks", "", "#drink", "tea-large", null, "Large",
                        Target.of("select", "combobox", "Drink"), "Tea")));
        return m;
    }
}
