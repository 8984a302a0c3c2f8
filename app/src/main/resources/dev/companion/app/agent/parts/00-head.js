/*
 * Companion page agent (plain ES2020, no build step).
 *
 * The app runs this script in every frame of every page, at load start and again at load end; it
 * installs itself once per document. It has two jobs:
 *
 *  1. Capture what the local user does -- typing, choosing, clicking, submitting, scrolling,
 *     playing/pausing/seeking audio and video, and in-page navigation -- as small "actions" (see dev.companion.p2p.protocol.Action) and send them
 *     to the app. Only trusted events (event.isTrusted: made by a real person, not by script) are
 *     captured, and never the events the agent itself fires while applying a received action.
 *     Scrolls and in-page navigations are reported whoever caused them: the app's follow engine
 *     decides, with its one echo rule, which of them were consequences of an applied action.
 *
 *  2. Apply actions received from the group (the app calls document[key].apply(json, id)) and report
 *     the outcome.
 *
 *  3. For catch-up, describe the top page as it can be shared (document[key].snapshot(id): URL, form
 *     field values, scroll position, audio/video positions) and bring a page to such a state
 *     (document[key].restore(json, id)).
 *
 *  4. After a step that expects something (a bot leading a flow), say whether the top page shows it:
 *     matched or not, nothing else (document[key].check(json, id), 66-expect.js).
 *
 *  5. Pointing: let the person pick an element of the top page without pressing it and describe it
 *     (document[key].pick(id)); find a member's point and outline it (document[key].point(json, id),
 *     68-point.js).
 *
 *  6. Drawing: while draw mode is on, turn the person's drags on the top page into strokes anchored
 *     to an element by evidence (document[key].drawMode(on)); paint a drawing over the element it
 *     names (document[key].draw(json, id)); remove them all (document[key].clearDrawings()),
 *     69-draw.js.
 *
 * Privacy: private fields (25-privacy.js: passwords, cards, codes, ID numbers, sign-in fields,
 * data-companion-private, everything typed on a site the user keeps private...) are never sent,
 * snapshotted, restored or filled; the site's rules come from the app with the config, never from
 * the page.
 *
 * Safety: received actions are data. They arrive as a JSON string, selectors are only ever used with
 * querySelector (which cannot run script), values are assigned as text, and navigation is limited
 * to http(s) URLs.
 *
 * Targets: an action names its element by evidence (role, name, attributes, the card or row around
 * it, headings above it...; 35-evidence.js), and the follower's agent finds it by score, applying only
 * when one candidate is clearly best and waiting a bounded time for content that is not there yet
 * (55-resolve.js). Never by position alone, never a guess.
 *
 * The app replaces the config placeholder at the bottom with {query, token, key, privacy}: the name
 * of the message-router function to talk to the app through, a secret token every message carries,
 * the name of the property the agent registers itself under, and the privacy rules of this frame's
 * sites (see 25-privacy.js).
 */
(function (config) {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Install once per document. (Not per window: a frame's window can outlive its initial document.)
  // ---------------------------------------------------------------------------------------------
  if (Object.prototype.hasOwnProperty.call(document, config.key)) {
    return;
  }
  const query = window[config.query];
  if (typeof query !== 'function') {
    return; // no route to the app in this context; the next injection tries again
  }

  // Built-ins used later, taken now so that page scripts that run later cannot swap them.
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const substring = String.prototype.substring;
  const cssEscape = CSS.escape;
  const now = () => Date.now();
  const later = window.setTimeout.bind(window);
  const cancel = window.clearTimeout.bind(window);
  const describe = Object.getOwnPropertyDescriptor;
  const localNameOf = describe(Element.prototype, 'localName').get;
  const getAttribute = Element.prototype.getAttribute;
  const hasAttribute = Element.prototype.hasAttribute;
  const closest = Element.prototype.closest;
  const matches = Element.prototype.matches;
  const shadowRootOf = describe(Element.prototype, 'shadowRoot').get;
  const parentNodeOf = describe(Node.prototype, 'parentNode').get;
  const getRootNode = Node.prototype.getRootNode;
  const fragQuerySelectorAll = DocumentFragment.prototype.querySelectorAll;
  const attachShadow = Element.prototype.attachShadow;
  const boundingRect = Element.prototype.getBoundingClientRect;
  // the page's own overrides of these cannot hide a press's guard or a point's pick (61-press.js, 68-point.js)
  const addListener = EventTarget.prototype.addEventListener;
  const removeListener = EventTarget.prototype.removeEventListener;
  const preventDefault = Event.prototype.preventDefault;
  const stopImmediately = Event.prototype.stopImmediatePropagation;
  const scrollIntoView = Element.prototype.scrollIntoView;
  const elQuerySelector = Element.prototype.querySelector;
  const docQuerySelector = Document.prototype.querySelector;
  const docQuerySelectorAll = Document.prototype.querySelectorAll;
  const htmlClick = HTMLElement.prototype.click;
  const requestSubmit = HTMLFormElement.prototype.requestSubmit;
  const valueSetter = {
    input: describe(HTMLInputElement.prototype, 'value').set,
    textarea: describe(HTMLTextAreaElement.prototype, 'value').set,
    select: describe(HTMLSelectElement.prototype, 'value').set,
  };
  const checkedSetter = describe(HTMLInputElement.prototype, 'checked').set;
  const mediaPlay = HTMLMediaElement.prototype.play;
  const mediaPause = HTMLMediaElement.prototype.pause;
  const currentTimeProperty = describe(HTMLMediaElement.prototype, 'currentTime');
  const playbackRateProperty = describe(HTMLMediaElement.prototype, 'playbackRate');
  const pausedOf = describe(HTMLMediaElement.prototype, 'paused').get;
  const seekingOf = describe(HTMLMediaElement.prototype, 'seeking').get;
  const readyStateOf = describe(HTMLMediaElement.prototype, 'readyState').get;
  const noop = function () {};

  /** How long apply() waits for its target to appear (content that loads late), at most. */
  const CONTENT_WAIT_MS = 5000;
  /** After this long without its target, apply() tells the app it waits (the leader sees "waiting"). */
  const WAITING_NOTICE_MS = 250;
  /** Trailing throttle of scroll capture. */
  const SCROLL_THROTTLE_MS = 100;
  const MAX_SELECTOR = 1024;
  const MAX_VALUE = 8 * 1024;
  /** A media element's own events caused by applying are not captured if they come within this time. */
  const MEDIA_EXPECT_MS = 3000;
  /** How long applying "play" waits for play() to settle (it waits for data when buffering). */
  const PLAY_WAIT_MS = 1500;
  /** Applying seeks only when the position differs by more than this (seconds). */
  const SEEK_TOLERANCE_S = 0.5;
  /** Limits of a snapshot (see Messages.PageState); its JSON must fit into one 64 KiB wire frame. */
  const MAX_FIELDS = 200;
  const MAX_MEDIA = 20;
  const STATE_BUDGET_BYTES = 48 * 1024;
  /** How long restore() waits for fields and media elements that are not there yet. */
  const RESTORE_WAIT_MS = 2000;

  /**
   * Greater than 0 while the agent changes the page for a received action: the events it fires
   * meanwhile are its own, never captured (an exact rule, not a time window).
   */
  let applying = 0;
