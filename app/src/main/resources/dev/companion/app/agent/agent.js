/*
 * Companion page agent (plain ES2020, no build step).
 *
 * The app runs this script in every frame of every page, at load start and again at load end; it
 * installs itself once per document. It has two jobs:
 *
 *  1. Capture what the local user does -- typing, choosing, clicking, submitting, scrolling,
 *     playing/pausing/seeking audio and video, and in-page navigation -- as small "actions" (see dev.companion.p2p.protocol.Action) and send them
 *     to the app. Only trusted events (event.isTrusted: made by a real person, not by script) are
 *     captured, and never the events the agent itself causes while applying a received action.
 *
 *  2. Apply actions received from the group (the app calls document[key].apply(json, id)) and report
 *     the outcome.
 *
 *  3. For catch-up, describe the top page as it can be shared (document[key].snapshot(id): URL, form
 *     field values, scroll position, audio/video positions) and bring a page to such a state
 *     (document[key].restore(json, id)).
 *
 * Privacy: values of password fields, file inputs, payment (autocomplete="cc-...") and one-time-code
 * fields, and of anything inside an element marked data-companion-private, are never read or sent:
 * for those fields the agent sends nothing at all, and it refuses to apply actions to them.
 *
 * Safety: received actions are data. They arrive as a JSON string, selectors are only ever used with
 * querySelector (which cannot run script), values are assigned as text, and navigation is limited
 * to http(s) URLs.
 *
 * The app replaces the config placeholder at the bottom with {query, token, key}: the name of the
 * message-router function to talk to the app through, a secret token every message carries, and
 * the name of the property the agent registers itself under.
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

  /** How long apply() waits for its target to appear (pages may still be rendering). */
  const FIND_WAIT_MS = 3000;
  /** After applying, scroll and history changes are taken as consequences of it for this long. */
  const QUIET_MS = 300;
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

  /** Greater than 0 while the agent changes the page for a received action. */
  let applying = 0;
  /** Until then, scroll and history changes are not captured (see QUIET_MS). */
  let quietUntil = 0;

  function quiet() {
    return applying > 0 || now() < quietUntil;
  }

  // ---------------------------------------------------------------------------------------------
  // Talking to the app
  // ---------------------------------------------------------------------------------------------
  /**
   * Sends a message to the app. The token is added to the JSON text after stringify, so that no
   * function the page could have replaced (JSON.stringify, String methods) ever sees it.
   */
  function send(message) {
    try {
      const body = stringify(message);
      const request = '{"k":"' + config.token + '"' + (body === '{}' ? '}' : ',' + substring.call(body, 1));
      query({ request, persistent: false, onSuccess: noop, onFailure: noop });
    } catch (e) {
      // the frame is going away
    }
  }

  /**
   * This frame's path: "" for the top page, else the indices of the frames leading to it, e.g.
   * "0.1" for the second frame inside the first frame. Reading parent.frames works across origins.
   * Null if it cannot be found (then nothing is sent from this frame).
   */
  function framePath() {
    const parts = [];
    let w = window;
    try {
      while (w !== w.parent) {
        const parent = w.parent;
        let index = -1;
        for (let i = 0; i < parent.frames.length; i++) {
          if (parent.frames[i] === w) {
            index = i;
            break;
          }
        }
        if (index < 0) {
          return null;
        }
        parts.unshift(index);
        w = parent;
      }
    } catch (e) {
      return null;
    }
    return parts.join('.');
  }

  /** Sends a captured action, stamped with the page URL and frame path. */
  function emit(action) {
    const frame = framePath();
    if (frame === null) {
      return;
    }
    action.page = location.href;
    action.frame = frame;
    send({ t: 'action', a: action });
  }

  // ---------------------------------------------------------------------------------------------
  // What an element is
  // ---------------------------------------------------------------------------------------------
  function isElement(node) {
    return !!node && node.nodeType === 1;
  }

  function tagOf(el) {
    return localNameOf.call(el);
  }

  function attr(el, name) {
    return getAttribute.call(el, name);
  }

  /** input types that are not typed into (or are private): everything else counts as text. */
  const NOT_TEXT_INPUT = new Set(['checkbox', 'radio', 'file', 'password', 'submit', 'button', 'reset',
    'image', 'hidden']);

  function inputType(el) {
    return String(el.type || '').toLowerCase();
  }

  function isTextField(el) {
    const tag = tagOf(el);
    return tag === 'textarea' || (tag === 'input' && !NOT_TEXT_INPUT.has(inputType(el)));
  }

  function isToggle(el) {
    return tagOf(el) === 'input' && (inputType(el) === 'checkbox' || inputType(el) === 'radio');
  }

  function isSelect(el) {
    return tagOf(el) === 'select';
  }

  function isMedia(el) {
    const tag = tagOf(el);
    return (tag === 'video' || tag === 'audio') && el instanceof HTMLMediaElement;
  }

  /** A submit button of a form: its click is covered by the form's submit action. */
  function isFormSubmitter(el) {
    const tag = tagOf(el);
    if (tag === 'button') {
      return inputType(el) === 'submit' && !!el.form;
    }
    if (tag === 'input') {
      return (inputType(el) === 'submit' || inputType(el) === 'image') && !!el.form;
    }
    return false;
  }

  const PRIVATE_AUTOCOMPLETE = /^(cc-.*|one-time-code|current-password|new-password)$/;
  /** Elements once found private stay private (e.g. a password field switched to type=text to show it). */
  const everPrivate = new WeakSet();

  /**
   * A sign-in form: a form with a password field. Everyone signs in to a site with their own
   * account, so nothing in such a form travels — not the user name, not its submit.
   */
  function inSignInForm(el) {
    const form = tagOf(el) === 'form' ? el : closest.call(el, 'form');
    return isElement(form) && !!elQuerySelector.call(form, 'input[type=password i]');
  }

  /**
   * Private fields are never read, sent, or written: password and file inputs, payment and
   * one-time-code fields, everything inside [data-companion-private], and everything in a
   * sign-in form (see inSignInForm).
   */
  function isPrivate(el) {
    if (!isElement(el)) {
      return false;
    }
    if (everPrivate.has(el)) {
      return true;
    }
    let secret = !!closest.call(el, '[data-companion-private]') || inSignInForm(el);
    if (!secret && tagOf(el) === 'input') {
      const type = inputType(el);
      secret = type === 'password' || type === 'file';
    }
    if (!secret) {
      const autocomplete = attr(el, 'autocomplete');
      if (autocomplete) {
        secret = autocomplete.toLowerCase().split(/\s+/).some((t) => PRIVATE_AUTOCOMPLETE.test(t));
      }
    }
    if (secret) {
      everPrivate.add(el);
    }
    return secret;
  }

  // ---------------------------------------------------------------------------------------------
  // Selectors: robust and unique in this document
  // ---------------------------------------------------------------------------------------------
  function matchesOnly(selector, el) {
    try {
      const all = docQuerySelectorAll.call(document, selector);
      return all.length === 1 && all[0] === el;
    } catch (e) {
      return false;
    }
  }

  /** One step of a path: the tag, with :nth-of-type when it has siblings of the same tag. */
  function pathStep(el) {
    const tag = tagOf(el);
    const parent = el.parentElement;
    if (!parent) {
      return cssEscape(tag);
    }
    let index = 0;
    let count = 0;
    for (const sibling of parent.children) {
      if (tagOf(sibling) === tag) {
        count++;
        if (sibling === el) {
          index = count;
        }
      }
    }
    return count > 1 ? cssEscape(tag) + ':nth-of-type(' + index + ')' : cssEscape(tag);
  }

  /**
   * In order of preference: #id if unique; tag[name="..."] (scoped to its form) if unique;
   * [data-testid="..."] if unique; else an nth-of-type path from the nearest ancestor with a
   * unique id (or from html). Null when none is unique or it gets too long.
   */
  function selectorFor(el) {
    try {
      const s = buildSelector(el, 0);
      return s && s.length <= MAX_SELECTOR ? s : null;
    } catch (e) {
      return null;
    }
  }

  function buildSelector(el, depth) {
    const tag = tagOf(el);
    if (el === document.documentElement) {
      return 'html';
    }
    if (el === document.body) {
      return 'body';
    }
    const id = attr(el, 'id');
    if (id) {
      const s = '#' + cssEscape(id);
      if (matchesOnly(s, el)) {
        return s;
      }
    }
    const name = attr(el, 'name');
    if (name) {
      let s = cssEscape(tag) + '[name="' + cssEscape(name) + '"]';
      if (isToggle(el) && hasAttribute.call(el, 'value')) {
        s += '[value="' + cssEscape(attr(el, 'value')) + '"]';
      }
      const form = tag === 'form' ? null : el.form;
      if (isElement(form) && depth === 0) {
        const formSelector = buildSelector(form, depth + 1);
        if (formSelector && matchesOnly(formSelector + ' ' + s, el)) {
          return formSelector + ' ' + s;
        }
      }
      if (matchesOnly(s, el)) {
        return s;
      }
    }
    const testId = attr(el, 'data-testid');
    if (testId) {
      const s = '[data-testid="' + cssEscape(testId) + '"]';
      if (matchesOnly(s, el)) {
        return s;
      }
    }
    const steps = [];
    let node = el;
    while (isElement(node)) {
      if (node === document.documentElement) {
        steps.unshift('html');
        break;
      }
      const nodeId = node !== el ? attr(node, 'id') : null;
      if (nodeId && matchesOnly('#' + cssEscape(nodeId), node)) {
        steps.unshift('#' + cssEscape(nodeId));
        break;
      }
      steps.unshift(pathStep(node));
      node = node.parentElement;
    }
    const path = steps.join(' > ');
    return matchesOnly(path, el) ? path : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Capture
  // ---------------------------------------------------------------------------------------------
  function guarded(handler) {
    return function (event) {
      try {
        handler(event);
      } catch (e) {
        // never let the agent break the page
      }
    };
  }

  // Remember private fields as soon as they are focused, before any script can change their type.
  document.addEventListener('focusin', guarded((e) => {
    if (e.isTrusted) {
      isPrivate(e.target);
    }
  }), true);

  document.addEventListener('input', guarded((e) => {
    const el = e.target;
    if (!e.isTrusted || applying > 0 || !isElement(el) || !isTextField(el) || isPrivate(el)) {
      return;
    }
    const value = el.value;
    const selector = selectorFor(el);
    if (selector && typeof value === 'string' && value.length <= MAX_VALUE) {
      emit({ kind: 'input', selector, value });
    }
  }), true);

  document.addEventListener('change', guarded((e) => {
    const el = e.target;
    if (!e.isTrusted || applying > 0 || !isElement(el) || isPrivate(el)) {
      return;
    }
    if (isSelect(el)) {
      const selector = selectorFor(el);
      if (selector) {
        emit({ kind: 'change', selector, value: el.value });
      }
    } else if (isToggle(el)) {
      const selector = selectorFor(el);
      if (selector) {
        emit({ kind: 'change', selector, checked: !!el.checked });
      }
    }
  }), true);

  /** What a click is about: the nearest interactive ancestor, else the element itself. */
  const INTERACTIVE = 'a[href],button,input,select,textarea,label,summary,option,[role="button"],'
    + '[role="link"],[role="tab"],[role="menuitem"],[role="option"],[role="checkbox"],[role="switch"],'
    + '[onclick],[data-testid]';

  /**
   * Clicks that other actions cover: on fields, selects, toggles, their labels, submit buttons, and
   * audio/video (a click on a video toggles it; the play or pause travels as a media action).
   */
  function coveredClick(el) {
    if (isTextField(el) || isSelect(el) || isToggle(el) || tagOf(el) === 'option' || isMedia(el)) {
      return true;
    }
    if (tagOf(el) === 'input' && (inputType(el) === 'file' || inputType(el) === 'password')) {
      return true;
    }
    if (tagOf(el) === 'label') {
      const control = el.control;
      return isElement(control) && (isTextField(control) || isSelect(control) || isToggle(control)
        || isPrivate(control));
    }
    return isFormSubmitter(el);
  }

  document.addEventListener('click', guarded((e) => {
    if (!e.isTrusted || applying > 0 || !isElement(e.target)) {
      return;
    }
    const el = closest.call(e.target, INTERACTIVE) || e.target;
    if (isPrivate(el) || isPrivate(e.target) || coveredClick(el)) {
      return;
    }
    const selector = selectorFor(el);
    if (selector) {
      emit({ kind: 'click', selector });
    }
  }), true);

  document.addEventListener('submit', guarded((e) => {
    const form = e.target;
    if (!e.isTrusted || applying > 0 || !isElement(form) || tagOf(form) !== 'form' || isPrivate(form)) {
      return;
    }
    const selector = selectorFor(form);
    if (!selector) {
      return;
    }
    const action = { kind: 'submit', selector };
    const submitter = e.submitter;
    if (isElement(submitter) && !isPrivate(submitter)) {
      const s = selectorFor(submitter);
      if (s) {
        action.submitter = s;
      }
    }
    emit(action);
  }), true);

  // Scrolling: trailing throttle per scrolled thing; only positions that differ from the last one
  // sent or applied are sent.
  const scrollTimers = new Map();
  const lastScroll = new WeakMap();

  function scrollKey(target) {
    return target === document || target === document.scrollingElement ? document : target;
  }

  function scrollPosition(key) {
    return key === document ? [window.scrollX, window.scrollY] : [key.scrollLeft, key.scrollTop];
  }

  function flushScroll(key) {
    const [x, y] = scrollPosition(key);
    const last = lastScroll.get(key);
    if (last && last[0] === x && last[1] === y) {
      return;
    }
    lastScroll.set(key, [x, y]);
    if (quiet()) {
      return;
    }
    if (key === document) {
      emit({ kind: 'scroll', x, y });
    } else if (key.isConnected && !isPrivate(key)) {
      const selector = selectorFor(key);
      if (selector) {
        emit({ kind: 'scroll', selector, x, y });
      }
    }
  }

  document.addEventListener('scroll', guarded((e) => {
    if (!e.isTrusted) {
      return;
    }
    const key = scrollKey(e.target);
    if (key !== document && !isElement(key)) {
      return;
    }
    if (!scrollTimers.has(key)) {
      // leading edge: the first movement of a burst goes at once; then at most one position per
      // throttle period, and the final one when the period ends
      flushScroll(key);
      scrollTimers.set(key, later(guarded(() => {
        scrollTimers.delete(key);
        flushScroll(key);
      }), SCROLL_THROTTLE_MS));
    }
  }), true);
  lastScroll.set(document, scrollPosition(document));

  // Audio and video: play, pause, seek and playback rate. These events are fired by the browser (so
  // they are trusted) whether a person used the controls or a page script (a custom player) did:
  // both are what the person in front of the page sees. What the agent causes itself arrives
  // later than its "applying" window (a seek completes when the data is there), so each change the
  // agent makes registers the one event it expects on that element (see expectMedia).
  const MEDIA_EVENTS = { play: 'play', pause: 'pause', seeked: 'seek', ratechange: 'rate' };
  const expectedMedia = new WeakMap();

  /**
   * The next event of this type on el (within MEDIA_EXPECT_MS) is the agent's own doing. Every
   * play(), pause() and rate change fires its own event. Seeks add up only when the previous one is
   * done (its "seeked" may still be queued, not yet consumed): a seek that starts while the previous
   * one is still seeking, or before metadata, replaces it, and only one "seeked" follows. Call it
   * before starting the seek.
   */
  function expectMedia(el, type) {
    let e = expectedMedia.get(el);
    if (!e || now() > e.until) {
      e = { until: 0, counts: {} };
      expectedMedia.set(el, e);
    }
    e.until = now() + MEDIA_EXPECT_MS;
    const pending = e.counts[type] || 0;
    // a seek replaces the one in flight, and before metadata all seeks end in one "seeked"
    const replaces = type === 'seeked' && (seekingOf.call(el) || readyStateOf.call(el) === 0);
    e.counts[type] = replaces ? Math.max(1, pending) : pending + 1;
  }

  /** True (and forgets it) when an event of this type on el was expected. */
  function consumeExpected(el, type) {
    const e = expectedMedia.get(el);
    if (!e || now() > e.until || !e.counts[type]) {
      return false;
    }
    e.counts[type]--;
    return true;
  }

  /** Position (seconds, >= 0) and playback rate (in (0, 16], else null) of a media element. */
  function mediaPosition(el) {
    const time = currentTimeProperty.get.call(el);
    const rate = playbackRateProperty.get.call(el);
    return [isFiniteNumber(time) && time >= 0 ? time : 0, isFiniteNumber(rate) && rate > 0 && rate <= 16 ? rate : null];
  }

  for (const type of Object.keys(MEDIA_EVENTS)) {
    document.addEventListener(type, guarded((e) => {
      const el = e.target;
      if (!e.isTrusted || !isElement(el) || !isMedia(el)) {
        return;
      }
      if (consumeExpected(el, type) || applying > 0 || isPrivate(el)) {
        return;
      }
      const selector = selectorFor(el);
      if (!selector) {
        return;
      }
      const [time, rate] = mediaPosition(el);
      const action = { kind: 'media', selector, value: MEDIA_EVENTS[type], time };
      if (rate !== null) {
        action.rate = rate;
      }
      emit(action);
    }), true);
  }

  // In-page navigation of the top page (history API, back/forward within the page, #fragments).
  // Full page loads are reported by the app itself.
  let lastHref = location.href;

  function historyChanged() {
    const href = location.href;
    if (href === lastHref) {
      return;
    }
    lastHref = href;
    if (quiet() || !/^https?:/i.test(href)) {
      return;
    }
    emit({ kind: 'navigate', url: href, cause: 'page' });
  }

  if (window === window.top) {
    for (const method of ['pushState', 'replaceState']) {
      const original = history[method];
      history[method] = function () {
        const result = original.apply(this, arguments);
        guarded(historyChanged)();
        return result;
      };
    }
    window.addEventListener('popstate', guarded(historyChanged), true);
    window.addEventListener('hashchange', guarded(historyChanged), true);
  }

  // ---------------------------------------------------------------------------------------------
  // New windows. Off-screen Chromium cannot open any (JCEF cancels them), so links and forms meant
  // for a new window, and window.open() after a user gesture, open in this view's top page instead.
  // Listeners run in the bubble phase on window, after the page's own handlers had their say.
  // ---------------------------------------------------------------------------------------------
  function opensNewWindow(target) {
    const t = String(target || '').toLowerCase();
    if (t === '' || t === '_self' || t === '_parent' || t === '_top') {
      return false;
    }
    if (t === '_blank') {
      return true;
    }
    try {
      return !docQuerySelector.call(document, 'iframe[name="' + cssEscape(target) + '"]');
    } catch (e) {
      return false;
    }
  }

  function openInTop(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch (e) {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return false;
    }
    window.top.location.assign(url.href);
    return true;
  }

  window.addEventListener('click', guarded((e) => {
    if (e.defaultPrevented || e.button !== 0 || !isElement(e.target)) {
      return;
    }
    const link = closest.call(e.target, 'a[href],area[href]');
    if (link && opensNewWindow(attr(link, 'target')) && openInTop(link.href)) {
      e.preventDefault();
    }
  }), false);

  window.addEventListener('submit', guarded((e) => {
    const form = e.target;
    if (e.defaultPrevented || !isElement(form) || tagOf(form) !== 'form') {
      return;
    }
    const submitter = e.submitter;
    const targetOf = isElement(submitter) && hasAttribute.call(submitter, 'formtarget') ? submitter : form;
    const target = attr(targetOf, targetOf === form ? 'target' : 'formtarget');
    if (opensNewWindow(target)) {
      // The submission reads the target after this event: send it to the top page for this once.
      const name = targetOf === form ? 'target' : 'formtarget';
      targetOf.setAttribute(name, '_top');
      later(() => targetOf.setAttribute(name, target), 0);
    }
  }), false);

  const originalOpen = window.open;
  window.open = function (url) {
    const active = navigator.userActivation ? navigator.userActivation.isActive : true;
    if (url && active && openInTop(String(url))) {
      return null;
    }
    return originalOpen.apply(this, arguments);
  };

  // ---------------------------------------------------------------------------------------------
  // Apply
  // ---------------------------------------------------------------------------------------------
  function ok() {
    return { applied: true, reason: null };
  }

  function fail(reason) {
    return { applied: false, reason };
  }

  /** Runs a change to the page as "applying", so the agent does not capture what it causes. */
  function applyingNow(change) {
    applying++;
    try {
      return change();
    } finally {
      applying--;
      quietUntil = now() + QUIET_MS;
    }
  }

  function querySelector(selector) {
    try {
      return { el: docQuerySelector.call(document, selector) };
    } catch (e) {
      return { error: 'bad-selector' };
    }
  }

  /** The element for a selector, waiting up to FIND_WAIT_MS for it to appear. */
  function find(selector) {
    return new Promise((resolve) => {
      if (typeof selector !== 'string' || selector.length > MAX_SELECTOR) {
        resolve({ error: 'refused' });
        return;
      }
      const first = querySelector(selector);
      if (first.error || first.el) {
        resolve(first);
        return;
      }
      let observer = null;
      const finish = (result) => {
        if (observer) {
          observer.disconnect();
        }
        cancel(timer);
        resolve(result);
      };
      const timer = later(() => {
        const last = querySelector(selector);
        finish(last.el ? last : { error: 'target-not-found' });
      }, FIND_WAIT_MS);
      observer = new MutationObserver(() => {
        const r = querySelector(selector);
        if (r.el) {
          finish(r);
        }
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    });
  }

  function fire(el, type) {
    const event = type === 'input' && typeof InputEvent === 'function'
      ? new InputEvent('input', { bubbles: true, composed: true })
      : new Event(type, { bubbles: true });
    el.dispatchEvent(event);
  }

  /** Sets a value through the element type's own setter, so React-like pages see the change. */
  function setValue(el, value) {
    valueSetter[tagOf(el)].call(el, value);
    fire(el, 'input');
    fire(el, 'change');
  }

  function click(el) {
    if (el instanceof HTMLElement) {
      htmlClick.call(el);
    } else {
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    }
  }

  function isFiniteNumber(n) {
    return typeof n === 'number' && Number.isFinite(n);
  }

  function applyTo(action, el) {
    switch (action.kind) {
      case 'input':
        if (!isTextField(el) || typeof action.value !== 'string') {
          return fail('refused');
        }
        setValue(el, action.value);
        return ok();
      case 'change':
        if (isSelect(el) && typeof action.value === 'string') {
          if (!Array.prototype.some.call(el.options, (o) => o.value === action.value)) {
            return fail('bad-value');
          }
          setValue(el, action.value);
          return ok();
        }
        if (isToggle(el) && typeof action.checked === 'boolean') {
          if (el.checked !== action.checked) {
            click(el); // toggles and fires click/input/change as a user's click would
          }
          if (el.checked !== action.checked) {
            checkedSetter.call(el, action.checked); // e.g. unchecking a radio
            fire(el, 'input');
            fire(el, 'change');
          }
          return el.checked === action.checked ? ok() : fail('refused');
        }
        if (isTextField(el) && typeof action.value === 'string') {
          setValue(el, action.value);
          return ok();
        }
        return fail('refused');
      case 'click':
        click(el);
        return ok();
      case 'submit': {
        if (tagOf(el) !== 'form') {
          return fail('refused');
        }
        let submitter = null;
        if (typeof action.submitter === 'string') {
          const found = querySelector(action.submitter).el;
          if (isElement(found) && found.form === el && isFormSubmitter(found) && !isPrivate(found)) {
            submitter = found;
          }
        }
        requestSubmit.call(el, submitter);
        return ok();
      }
      case 'scroll':
        el.scrollTo({ left: action.x, top: action.y, behavior: 'instant' });
        lastScroll.set(el, scrollPosition(el));
        return ok();
      default:
        return fail('refused');
    }
  }

  /**
   * Brings a media element to time (seconds; only when it is more than SEEK_TOLERANCE_S away) and
   * rate (when given). Registers the events this causes so that they are not captured.
   */
  function setMediaPosition(el, time, rate) {
    if (isFiniteNumber(rate) && rate > 0 && rate <= 16 && playbackRateProperty.get.call(el) !== rate) {
      playbackRateProperty.set.call(el, rate);
      expectMedia(el, 'ratechange');
    }
    if (isFiniteNumber(time) && time >= 0
        && Math.abs(currentTimeProperty.get.call(el) - time) > SEEK_TOLERANCE_S) {
      // Before metadata Chromium keeps the position as the start and still reports one "seeked"
      // once the data is there: expected either way. Registered before the seek starts, while
      // "seeking" still says whether an earlier seek is being replaced.
      expectMedia(el, 'seeked');
      currentTimeProperty.set.call(el, time);
    }
  }

  function pauseMedia(el) {
    if (!pausedOf.call(el)) {
      mediaPause.call(el);
      expectMedia(el, 'pause');
    }
  }

  /**
   * play(), waiting up to PLAY_WAIT_MS for it to start. Fails with media-blocked when the browser
   * refuses to play without a user gesture (autoplay policy), media-error when the media cannot play.
   */
  async function playMedia(el) {
    if (!pausedOf.call(el)) {
      return ok();
    }
    let started;
    applyingNow(() => {
      started = mediaPlay.call(el);
      expectMedia(el, 'play');
    });
    let timer;
    const waited = new Promise((resolve) => {
      timer = later(resolve, PLAY_WAIT_MS);
    });
    try {
      await Promise.race([started, waited]);
      return ok(); // started, or still waiting for data with paused already false
    } catch (e) {
      const entry = expectedMedia.get(el);
      if (entry && entry.counts.play) {
        entry.counts.play--; // a refused play() fires no play event
      }
      if (e && e.name === 'AbortError') {
        return ok(); // a later pause() or load superseded this play()
      }
      return fail(e && e.name === 'NotAllowedError' ? 'media-blocked' : 'media-error');
    } finally {
      cancel(timer);
    }
  }

  async function applyMedia(action, el) {
    if (!isMedia(el)) {
      return fail('refused');
    }
    if (action.value !== 'play' && action.value !== 'pause' && action.value !== 'seek'
        && action.value !== 'rate') {
      return fail('refused');
    }
    if (!isFiniteNumber(action.time) || action.time < 0) {
      return fail('refused');
    }
    applyingNow(() => setMediaPosition(el, action.time, action.rate));
    if (action.value === 'play') {
      return playMedia(el);
    }
    if (action.value === 'pause') {
      applyingNow(() => pauseMedia(el));
    }
    return ok();
  }

  async function applyAction(action) {
    switch (action.kind) {
      case 'navigate': {
        let url;
        try {
          url = new URL(String(action.url), location.href);
        } catch (e) {
          return fail('refused');
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          return fail('refused');
        }
        applyingNow(() => location.assign(url.href));
        return ok();
      }
      case 'scroll':
        if (!isFiniteNumber(action.x) || !isFiniteNumber(action.y)) {
          return fail('refused');
        }
        if (action.selector === undefined || action.selector === null) {
          applyingNow(() => {
            window.scrollTo({ left: action.x, top: action.y, behavior: 'instant' });
            lastScroll.set(document, scrollPosition(document));
          });
          return ok();
        }
        break;
      case 'input':
      case 'change':
      case 'click':
      case 'submit':
      case 'media':
        break;
      default:
        return fail('refused');
    }
    const found = await find(action.selector);
    if (found.error) {
      return fail(found.error);
    }
    if (isPrivate(found.el)) {
      return fail('private-field');
    }
    if (action.kind === 'media') {
      return applyMedia(action, found.el);
    }
    return applyingNow(() => applyTo(action, found.el));
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshot and restore (catch-up). Top frame only: frames are neither described nor restored.
  // ---------------------------------------------------------------------------------------------
  /** Bytes of s in UTF-8 (what it costs on the wire). */
  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xd800 && c < 0xe000) ? 2 : 3;
    }
    return n;
  }

  /** The value a select shows when the page loads: its last option marked selected, else the first. */
  function defaultSelectValue(el) {
    let value = null;
    for (const o of el.options) {
      if (o.defaultSelected) {
        value = o.value;
      }
    }
    if (value === null && el.options.length > 0) {
      value = el.options[0].value;
    }
    return value;
  }

  /**
   * What a field holds that the page did not load with, as {selector, value} or {selector, checked};
   * null for private fields, fields as loaded, multiple selects, and values over MAX_VALUE.
   */
  function fieldState(el) {
    if (isPrivate(el)) {
      return null;
    }
    let state = null;
    if (isToggle(el)) {
      if (el.checked !== el.defaultChecked) {
        state = { checked: !!el.checked };
      }
    } else if (isSelect(el)) {
      if (!el.multiple && el.selectedIndex >= 0 && el.value !== defaultSelectValue(el)) {
        state = { value: el.value };
      }
    } else if (isTextField(el)) {
      const value = el.value;
      if (typeof value === 'string' && value !== el.defaultValue && value.length <= MAX_VALUE) {
        state = { value };
      }
    }
    if (state === null) {
      return null;
    }
    const selector = selectorFor(el);
    if (!selector) {
      return null;
    }
    return Object.assign({ frame: '', selector }, state);
  }

  /**
   * The top page as it can be shared, or null when it is not an http(s) page: URL, the fields the
   * user changed (never private ones; at most MAX_FIELDS), window scroll position, and the position,
   * paused state and rate of audio/video elements (at most MAX_MEDIA). Fields that would take the
   * JSON over STATE_BUDGET_BYTES are left out.
   */
  function snapshot() {
    if (!/^https?:$/i.test(location.protocol)) {
      return null;
    }
    let budget = STATE_BUDGET_BYTES - utf8Length(stringify(location.href)) - 256;
    const media = [];
    for (const el of docQuerySelectorAll.call(document, 'video, audio')) {
      if (media.length >= MAX_MEDIA) {
        break;
      }
      if (!isMedia(el) || isPrivate(el)) {
        continue;
      }
      const selector = selectorFor(el);
      if (!selector) {
        continue;
      }
      const [time, rate] = mediaPosition(el);
      const entry = { frame: '', selector, time, paused: !!pausedOf.call(el), rate: rate === null ? 1 : rate };
      const cost = utf8Length(stringify(entry)) + 1;
      if (cost <= budget) {
        budget -= cost;
        media.push(entry);
      }
    }
    const fields = [];
    for (const el of docQuerySelectorAll.call(document, 'input, textarea, select')) {
      if (fields.length >= MAX_FIELDS) {
        break;
      }
      const entry = fieldState(el);
      if (!entry) {
        continue;
      }
      const cost = utf8Length(stringify(entry)) + 1;
      if (cost <= budget) {
        budget -= cost;
        fields.push(entry);
      }
    }
    const [scrollX, scrollY] = scrollPosition(document);
    return { url: location.href, fields, scrollX, scrollY, media };
  }

  function sleep(ms) {
    return new Promise((resolve) => later(resolve, ms));
  }

  /** Elements for the selectors ({el} or {error}), waiting until deadline for missing ones. */
  async function findAll(selectors, deadline) {
    const found = selectors.map(() => undefined);
    for (;;) {
      let missing = 0;
      for (let i = 0; i < selectors.length; i++) {
        if (found[i] !== undefined) {
          continue;
        }
        const s = selectors[i];
        const r = typeof s === 'string' && s.length <= MAX_SELECTOR ? querySelector(s) : { error: 'bad-selector' };
        if (r.error) {
          found[i] = { error: r.error };
        } else if (r.el) {
          found[i] = { el: r.el };
        } else {
          missing++;
        }
      }
      if (missing === 0 || now() >= deadline) {
        return found.map((f) => f || { error: 'target-not-found' });
      }
      await sleep(100);
    }
  }

  /** Counts of what restore() skipped, as the result's reason ("2 fields not found, ..."). */
  function skippedReason(counts) {
    const parts = [];
    for (const [what, n] of counts) {
      if (n > 0) {
        parts.push(n + ' ' + what);
      }
    }
    return parts.length === 0 ? null : parts.join(', ');
  }

  /**
   * Brings this page to a snapshot taken elsewhere: field values (set and announced with input and
   * change events as applying does, never captured), window scroll, media position, rate and
   * paused state. Private fields, fields of other frames and targets that are missing or do not
   * fit are skipped and counted in the reason; applied is true only when nothing was skipped.
   */
  async function restoreState(state) {
    const counts = new Map([['fields not found', 0], ['private fields skipped', 0],
      ['fields refused', 0], ['fields in frames skipped', 0], ['media not found', 0],
      ['media refused', 0], ['media in frames skipped', 0], ['media blocked', 0], ['media failed', 0], ['scroll positions not reached', 0]]);
    const add = (what) => counts.set(what, counts.get(what) + 1);
    const fields = Array.isArray(state.fields) ? state.fields.slice(0, MAX_FIELDS) : [];
    const media = Array.isArray(state.media) ? state.media.slice(0, MAX_MEDIA) : [];
    const inTop = (entry) => {
      if (!entry || typeof entry !== 'object') {
        return false;
      }
      if (String(entry.frame || '') !== '') {
        add('fields in frames skipped');
        return false;
      }
      return true;
    };
    const topFields = fields.filter(inTop);
    const topMedia = media.filter((m) => m && typeof m === 'object' && String(m.frame || '') === '');
    counts.set('media in frames skipped', media.length - topMedia.length);
    // One wait for late fields and page growth (scroll), so that the answer stays within the app's 5 s.
    const deadline = now() + RESTORE_WAIT_MS;
    const found = await findAll(topFields.map((f) => f.selector).concat(topMedia.map((m) => m.selector)), deadline);

    topFields.forEach((field, i) => {
      const target = found[i];
      if (target.error) {
        add(target.error === 'target-not-found' ? 'fields not found' : 'fields refused');
        return;
      }
      const el = target.el;
      if (isPrivate(el)) {
        add('private fields skipped');
        return;
      }
      let action = null;
      if (typeof field.checked === 'boolean' && isToggle(el)) {
        action = { kind: 'change', checked: field.checked };
      } else if (typeof field.value === 'string' && field.value.length <= MAX_VALUE) {
        action = { kind: isSelect(el) ? 'change' : 'input', value: field.value };
      }
      const result = action === null ? fail('refused') : applyingNow(() => applyTo(action, el));
      if (!result.applied) {
        add('fields refused');
      }
    });

    if (isFiniteNumber(state.scrollX) && isFiniteNumber(state.scrollY)) {
      // The page may still grow (images, late content): try again until the deadline.
      for (;;) {
        applyingNow(() => {
          window.scrollTo({ left: state.scrollX, top: state.scrollY, behavior: 'instant' });
          lastScroll.set(document, scrollPosition(document));
        });
        const [x, y] = scrollPosition(document);
        if ((Math.abs(x - state.scrollX) <= 1 && Math.abs(y - state.scrollY) <= 1) || now() >= deadline) {
          if (Math.abs(x - state.scrollX) > 1 || Math.abs(y - state.scrollY) > 1) {
            add('scroll positions not reached');
          }
          break;
        }
        await sleep(100);
      }
    }

    const plays = [];
    topMedia.forEach((m, i) => {
      const target = found[topFields.length + i];
      if (target.error) {
        add(target.error === 'target-not-found' ? 'media not found' : 'media refused');
        return;
      }
      const el = target.el;
      if (!isMedia(el) || isPrivate(el) || !isFiniteNumber(m.time) || m.time < 0) {
        add('media refused');
        return;
      }
      applyingNow(() => setMediaPosition(el, m.time, m.rate));
      if (m.paused === false) {
        plays.push(playMedia(el).then((r) => {
          if (!r.applied) {
            add(r.reason === 'media-blocked' ? 'media blocked' : 'media failed');
          }
        }));
      } else {
        applyingNow(() => pauseMedia(el));
      }
    });
    await Promise.all(plays);

    const reason = skippedReason(counts);
    return { applied: reason === null, reason };
  }

  /** Entry point for the app: the snapshot of this (top) page, sent as {t: 'state', id, state}. */
  function snapshotFor(id) {
    if (framePath() !== '') {
      return;
    }
    let message;
    try {
      message = { t: 'state', id: String(id), state: snapshot() };
    } catch (e) {
      message = { t: 'state', id: String(id), error: String(e && e.name || 'error') };
    }
    send(message);
  }

  function sameOrigin(url) {
    try {
      return new URL(String(url)).origin === location.origin;
    } catch (e) {
      return false;
    }
  }

  /** Entry point for the app: json is a snapshot as a JSON string; answers like apply. */
  async function restore(json, id) {
    let state;
    try {
      state = parse(String(json));
    } catch (e) {
      state = null;
    }
    let result;
    if (!state || typeof state !== 'object' || framePath() !== '' || !sameOrigin(state.url)) {
      result = fail('refused'); // values of one site never go into another site's page
    } else {
      try {
        result = await restoreState(state);
      } catch (e) {
        result = fail('error');
      }
    }
    send({ t: 'result', id: String(id), applied: result.applied, reason: result.reason });
  }

  /** Entry point for the app: json is the action as a JSON string, id names the answer. */
  async function apply(json, id) {
    let action;
    try {
      action = parse(String(json));
    } catch (e) {
      return;
    }
    if (!action || typeof action !== 'object') {
      return;
    }
    if (String(action.frame || '') !== framePath()) {
      return; // meant for another frame
    }
    let result;
    try {
      result = await applyAction(action);
    } catch (e) {
      result = fail('error');
    }
    send({ t: 'result', id: String(id), applied: result.applied, reason: result.reason });
  }

  Object.defineProperty(document, config.key, {
    value: Object.freeze({
      apply: (json, id) => { apply(json, id).catch(noop); },
      snapshot: (id) => { snapshotFor(id); },
      restore: (json, id) => { restore(json, id).catch(noop); },
    }),
    enumerable: false,
    configurable: false,
    writable: false,
  });

  // ---------------------------------------------------------------------------------------------
  // Ready: once the document is parsed.
  // ---------------------------------------------------------------------------------------------
  function announceReady() {
    const frame = framePath();
    if (frame !== null) {
      send({ t: 'ready', url: location.href, frame });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', guarded(announceReady), { once: true });
  } else {
    announceReady();
  }
  // Back/forward may restore this very document from the back-forward cache: the agent is still
  // installed, so it says again that it is ready.
  window.addEventListener('pageshow', guarded((e) => {
    if (e.persisted) {
      lastHref = location.href;
      announceReady();
    }
  }), true);
})(__COMPANION_AGENT_CONFIG__);
