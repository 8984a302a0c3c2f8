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

  /**
   * A contenteditable is typed text too (25-privacy.js judges fields only): private on a "share
   * nothing typed" site and when its text is a card or ID number; a number in it waits, as in a text
   * field, until the person leaves it.
   */
  function editablePrivate(el) {
    return rules.nothing || valueReason(editableText(el)) !== null;
  }

  /**
   * A contenteditable's text for the privacy checks, its no-break spaces (what typing a space at the
   * end makes) as spaces; the text sent keeps them, as the page has them.
   */
  function editableText(el) {
    const text = el.innerText;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      out += charCodeAt.call(text, i) === 160 ? ' ' : text[i];
    }
    return out;
  }

  /** Sends a text field's or contenteditable's text as an input about it, with its evidence. */
  function emitInput(el) {
    if (!isTextField(el) && editablePrivate(el)) {
      return;
    }
    const value = isTextField(el) ? el.value : el.innerText;
    if (typeof value === 'string' && value.length <= MAX_VALUE) {
      emitAbout({ kind: 'input', value }, el, true);
    }
  }

  /** Sends the numbers that waited (see holdsBack) for this field's change, or its form's submit. */
  function sendHeld(el) {
    const fields = releaseHeld(el);
    for (let i = 0; i < fields.length; i++) {
      emitInput(fields[i]);
    }
  }

  document.addEventListener('input', guarded((e) => {
    const target = eventTarget(e);
    if (!e.isTrusted || applying > 0 || !isElement(target)) {
      return;
    }
    const el = isTextField(target) ? target : editingHost(target);
    if (!el || isPrivate(el)) {
      return;
    }
    if (!holdsBack(el, isTextField(el) ? el.value : editableText(el))) {
      emitInput(el);
    }
  }), true);

  // A contenteditable has no change event: its held number goes when the person leaves it.
  document.addEventListener('focusout', guarded((e) => {
    const host = editingHost(eventTarget(e));
    if (e.isTrusted && applying === 0 && host) {
      sendHeld(host);
    }
  }), true);

  /** A choice: a select's option (value and label) or a checkbox's or radio's state, as what was meant. */
  function onChange(e) {
    const el = eventTarget(e);
    if (!e.isTrusted || applying > 0 || !isElement(el) || isPrivate(el)) {
      return;
    }
    if (isTextField(el)) {
      sendHeld(el);
    } else if (isSelect(el)) {
      const option = el.selectedIndex >= 0 ? el.options[el.selectedIndex] : null;
      const action = { kind: 'change', value: el.value };
      if (option) {
        const label = clip(option.label || option.text, 256);
        if (label) {
          action.label = label;
        }
        const group = optionGroupOf(option);
        if (group) {
          action.option_group = group; // "Large" under Tea, not the "Large" under Coffee
        }
      }
      emitAbout(action, el);
    } else if (isToggle(el)) {
      emitAbout({ kind: 'change', checked: !!el.checked }, el);
    }
  }

  document.addEventListener('change', guarded(onChange), true);

  /** What a click is about: the nearest interactive ancestor, else the element itself. */
  const INTERACTIVE = 'a[href],button,input,select,textarea,label,summary,option,[role="button"],'
    + '[role="link"],[role="tab"],[role="menuitem"],[role="option"],[role="checkbox"],[role="switch"],'
    + '[role="radio"],[role="menuitemcheckbox"],[role="menuitemradio"],[role="treeitem"],[onclick],[data-testid]';

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

  /**
   * A click on a custom switch, checkbox or radio (aria-checked) or a toggle button (aria-pressed)
   * travels as the state it led to, once the page's own handlers ran; as a click only when the page
   * did not change the state at once.
   */
  function toggled(el) {
    const before = ariaChecked(el);
    const action = about({ kind: 'change', checked: !before }, el);
    later(guarded(() => {
      if (action && ariaChecked(el) !== before) {
        action.checked = ariaChecked(el);
        emit(action);
      } else if (action) {
        const click = { kind: 'click' };
        if (action.selector) {
          click.selector = action.selector;
        }
        if (action.target) {
          click.target = action.target;
        }
        emit(click);
      }
    }), 0);
  }

  document.addEventListener('click', guarded((e) => {
    const target = eventTarget(e);
    if (!e.isTrusted || applying > 0 || !isElement(target)) {
      return;
    }
    const el = composedClosest(target, INTERACTIVE) || target;
    if (coveredClick(el) || editingHost(target)) {
      return;
    }
    if (isPrivate(el) || isPrivate(target)) {
      if (ownerPress(el) && (target === el || ownerPress(target))) {
        emitOwnerOnly({ kind: 'click' }, el); // a button beside a password field: each presses their own
      }
      return;
    }
    if (isAriaToggle(el)) {
      toggled(el);
      return;
    }
    emitAbout({ kind: 'click' }, el);
  }), true);

  /**
   * A press in private context that still travels, marked owner_only, so that each member presses
   * their own (docs/protocol.md, "Private presses travel as owner-only"): a sign-in form or a button
   * beside a password field ('login'). Never a field, and never inside data-companion-private.
   */
  function ownerPress(el) {
    return isElement(el) && !isField(el) && privacyOf(el) === 'login';
  }

  /**
   * The evidence of a private press: what the element is, not the text around it (a copy: the
   * evidence cache keeps the whole description for the element's other actions).
   */
  function withoutSurroundings(target) {
    if (!target) {
      return target;
    }
    const t = Object.assign({}, target);
    delete t.text;
    delete t.context;
    delete t.headings;
    return t;
  }

  /** Emits action about el marked owner_only, its evidence without the text around it. */
  function emitOwnerOnly(action, el, submitter) {
    const a = about(action, el);
    if (!a) {
      return;
    }
    if (a.target) {
      a.target = withoutSurroundings(a.target);
    }
    if (isElement(submitter) && ownerPress(submitter)) {
      const s = deepSelectorFor(submitter);
      if (s) {
        a.submitter = s;
      }
      try {
        a.via = withoutSurroundings(describeTarget(submitter));
      } catch (err) {
        // the form alone then
      }
    }
    a.owner_only = true;
    emit(a);
  }

  /** A form submitted: its evidence, and its button's (via). */
  function onSubmit(e) {
    const form = eventTarget(e);
    if (!e.isTrusted || applying > 0 || !isElement(form) || tagOf(form) !== 'form') {
      return;
    }
    if (isPrivate(form)) {
      if (ownerPress(form)) {
        emitOwnerOnly({ kind: 'submit' }, form, e.submitter); // a sign-in, a payment with a PIN
      }
      return;
    }
    sendHeld(form);
    const action = about({ kind: 'submit' }, form);
    if (!action) {
      return;
    }
    const submitter = e.submitter;
    if (isElement(submitter) && !isPrivate(submitter)) {
      const s = deepSelectorFor(submitter);
      if (s) {
        action.submitter = s;
      }
      try {
        const via = describeTarget(submitter);
        delete via.context; // the form's evidence places it
        delete via.headings;
        action.via = via;
      } catch (err) {
        // the form alone then
      }
    }
    emit(action);
  }

  document.addEventListener('submit', guarded(onSubmit), true);

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
    if (key === document) {
      emit({ kind: 'scroll', x, y });
    } else if (key.isConnected && !isPrivate(key)) {
      emitAbout({ kind: 'scroll', x, y }, key, true);
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

  /**
   * Scrolls el into view at once (whatever the page's scroll-behavior) and notes the positions it
   * leaves as the last ones, of the page and of every scrolling box around el (through shadow roots):
   * a scroll the agent makes itself (a press, a point) is never captured as the person's own.
   */
  function scrollQuietly(el, inline) {
    scrollIntoView.call(el, { block: 'center', inline, behavior: 'instant' });
    lastScroll.set(document, scrollPosition(document));
    for (let node = composedParent(el); isElement(node); node = composedParent(node)) {
      if (node.scrollHeight > node.clientHeight || node.scrollWidth > node.clientWidth) {
        lastScroll.set(node, scrollPosition(node));
      }
    }
  }

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
      const [time, rate] = mediaPosition(el);
      const action = { kind: 'media', value: MEDIA_EVENTS[type], time };
      if (rate !== null) {
        action.rate = rate;
      }
      emitAbout(action, el, true);
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
    if (!/^https?:/i.test(href)) {
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
