  // ---------------------------------------------------------------------------------------------
  // Privacy: which fields are private. A private field is never sent (no input or change action,
  // no keystroke), never in a snapshot, never restored and never filled (apply answers
  // "private-field"). Private by default where it matters; in order:
  //
  //  1. Always private: password fields (also after a script switched them to text), file inputs,
  //     anything inside [data-companion-private], and every text field when the user chose "share
  //     nothing typed on this site" for this frame's site or a site around it (the app's setting,
  //     given with the agent's config, never taken from the page).
  //  2. Shared: a field the user chose to share (a selector the app remembers per site), and
  //     anything inside [data-companion-share] (the site author's choice).
  //  3. Private by evidence: autocomplete (cc-*, one-time-code, *-password, username), names and
  //     labels that say card, CVC, expiry, IBAN, account, PIN, password, one-time or verification
  //     code, national ID (English and Chinese words), short numeric fields (inputmode numeric, tel
  //     or a digits pattern with maxlength 1 or 3-8), CSS masking (-webkit-text-security, a
  //     password font), a field in a sign-in form or in a small container with a password field,
  //     and values that are a card number (Luhn, 12-19 digits) or a national ID number. A field
  //     found private this way stays private in this document.
  //
  // A number typed into an ordinary text field is judged once it is complete: from its third
  // digit on, its input actions wait for the field's change event (the user leaves the field or
  // submits), and go then only if it is not a card or ID number.
  //
  // The evidence is in 24-evidence.js. Built-ins are taken at install time (the page cannot make a
  // field look shared).
  // ---------------------------------------------------------------------------------------------
  const ownOrigin = '' + location.origin;
  /** The origins of the frames this one is in (Chromium's location.ancestorOrigins). */
  const ancestorOrigins = [];
  if (location.ancestorOrigins) {
    for (let i = 0; i < location.ancestorOrigins.length; i++) {
      ancestorOrigins[i] = '' + location.ancestorOrigins[i];
    }
  }

  /** A number in a text field travels live only up to this many digits; longer ones wait for "change". */
  const LIVE_DIGITS = 2;

  // ---- the app's rules for this frame (config.privacy: {sites: {origin: {nothing, shared}}}) ----

  /**
   * The rules for this document: "nothing" when this frame's origin or an origin around it (the
   * frames it is in) is a "share nothing typed" site, and the selectors the user shared on this
   * frame's own site. Null when the rules were made for another document (then nothing installs).
   */
  function rulesFor(privacy) {
    const sites = privacy && typeof privacy === 'object' && privacy.sites && typeof privacy.sites === 'object'
      ? privacy.sites : {};
    if (test(/^https?:/, ownOrigin) && !hasOwn(sites, ownOrigin)) {
      return null;
    }
    let nothing = false;
    for (let i = -1; i < ancestorOrigins.length; i++) {
      const origin = i < 0 ? ownOrigin : ancestorOrigins[i];
      const site = hasOwn(sites, origin) ? sites[origin] : null;
      if (site && site.nothing === true) {
        nothing = true;
      }
    }
    const own = hasOwn(sites, ownOrigin) ? sites[ownOrigin] : null;
    const shared = [];
    if (own && isArray(own.shared)) {
      for (let i = 0; i < own.shared.length; i++) {
        if (typeof own.shared[i] === 'string' && own.shared[i].length <= MAX_SELECTOR) {
          shared[shared.length] = own.shared[i];
        }
      }
    }
    return { nothing, shared };
  }

  let rules = rulesFor(config.privacy);
  if (rules === null) {
    return; // injected with rules for the document this frame had before: the next injection installs
  }

  /** Entry point for the app (with the agent's token): new rules after the user changed a setting. */
  function updatePrivacy(json, token) {
    if (token !== config.token) {
      return;
    }
    let privacy;
    try {
      privacy = parse(String(json));
    } catch (e) {
      return;
    }
    const next = rulesFor(privacy);
    if (next !== null) {
      rules = next;
      lastFocus = undefined; // report the focused field again, with what it is now
      reportFocus(focusedField());
    }
  }

  // ---- the decision ------------------------------------------------------------------------------

  /** Password fields, also after a script switched them to another type. */
  const everPassword = new WeakSet();
  /** Fields found private by evidence: they stay private in this document. */
  const foundPrivate = new WeakMap();

  new Observer((records) => {
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (r.oldValue !== null && lower(r.oldValue) === 'password') {
        everPassword.add(r.target);
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['type'], attributeOldValue: true });

  function hardReason(el) {
    const type = typeOf(el);
    if (everPassword.has(el) || type === 'password') {
      everPassword.add(el);
      return 'password';
    }
    if (type === 'file') {
      return 'file';
    }
    if (closest.call(el, '[data-companion-private]')) {
      return 'marked';
    }
    if (rules.nothing && isTyped(el)) {
      return 'site';
    }
    return null;
  }

  function sharedByUser(el) {
    for (let i = 0; i < rules.shared.length; i++) {
      try {
        if (matchesSelector.call(el, rules.shared[i])) {
          return true;
        }
      } catch (e) {
        // a selector this document cannot parse
      }
    }
    return false;
  }

  function evidence(el) {
    if (!isField(el)) {
      return inSignInForm(el) || (isButton(el) && nearPassword(el)) ? 'login' : null;
    }
    const byAutocomplete = autocompleteReason(el);
    if (byAutocomplete) {
      return byAutocomplete;
    }
    const said = saysPrivate(words((attr(el, 'name') || '') + ' ' + (attr(el, 'id') || '')), words(labelText(el)));
    if (said) {
      return said;
    }
    if (shortNumeric(el)) {
      return 'code';
    }
    if (inSignInForm(el) || nearPassword(el)) {
      return 'login';
    }
    if (isTyped(el) && masked(el)) {
      return 'masked';
    }
    return isTyped(el) ? valueReason(valueOf(el)) : null;
  }

  /**
   * Why el is private ('password', 'file', 'marked', 'site', 'card', 'account', 'code', 'id',
   * 'login', 'masked'), or null when it may be shared.
   */
  function privacyOf(el) {
    if (!isElement(el)) {
      return null;
    }
    const hard = hardReason(el);
    if (hard) {
      return hard;
    }
    if (sharedByUser(el) || closest.call(el, '[data-companion-share]')) {
      return null;
    }
    let reason = foundPrivate.get(el);
    if (!reason) {
      reason = evidence(el);
      if (reason) {
        foundPrivate.set(el, reason);
      }
    }
    return reason || null;
  }

  /** Private fields are never read out, sent, snapshotted, restored or filled (see above). */
  function isPrivate(el) {
    return privacyOf(el) !== null;
  }

  // ---- numbers wait until they are complete --------------------------------------------------------

  /** Text fields whose number is waiting for the field's change event (a few at most). */
  let held = [];

  function unhold(el) {
    const rest = [];
    for (let i = 0; i < held.length; i++) {
      if (held[i] !== el) {
        rest[rest.length] = held[i];
      }
    }
    held = rest;
  }

  /** True (and the field waits) when value is a number of more than LIVE_DIGITS digits. */
  function holdsBack(el, value) {
    const digits = value.length <= 40 ? numberDigits(value) : null;
    unhold(el);
    if (digits !== null && digits.length > LIVE_DIGITS && !sharedByUser(el) && !closest.call(el, '[data-companion-share]')) {
      held[held.length] = el;
      return true;
    }
    return false;
  }

  /** The held fields to send now (el's, or those of form el): each once, if still not private. */
  function releaseHeld(el) {
    const out = [];
    const waiting = held;
    for (let i = 0; i < waiting.length; i++) {
      const field = waiting[i];
      if (field === el || (tagOf(el) === 'form' && closest.call(field, 'form') === el)) {
        unhold(field);
        if (field.isConnected && !isPrivate(field)) {
          out[out.length] = field;
        }
      }
    }
    return out;
  }

  // ---- the focused field, for the app's "share this field" -----------------------------------------

  let lastFocus;

  function focusedField() {
    const el = activeElementOf.call(document);
    return isElement(el) && isField(el) ? el : null;
  }

  /**
   * Tells the app which field has the focus (never its value): its selector, why it is private
   * (null if it is shared), whether the user shared it, and whether a share could change that.
   */
  function reportFocus(el) {
    let message;
    if (el === null) {
      message = { t: 'focus', field: null };
    } else {
      const reason = privacyOf(el);
      const fixed = hardReason(el) !== null;
      message = { t: 'focus', field: { selector: selectorFor(el), reason, shared: sharedByUser(el), fixed } };
    }
    const key = stringify(message);
    if (key === lastFocus) {
      return;
    }
    lastFocus = key;
    const frame = framePath();
    if (frame !== null) {
      message.frame = frame;
      send(message);
    }
  }

  // Remember private fields as soon as they are focused (before a script can change their type).
  document.addEventListener('focusin', guarded((e) => {
    if (e.isTrusted && isElement(e.target)) {
      isPrivate(e.target);
    }
  }), true);

  // Tell the app which field has the focus whenever the person may have moved it. The document's
  // active element is the truth: focus events wait while the window does not have the focus, and
  // when the window loses it (the person presses a button in the app) the field stays active.
  function focusMayHaveMoved(e) {
    if (e.isTrusted) {
      later(guarded(() => reportFocus(focusedField())), 0);
    }
  }
  for (const type of ['focusin', 'focusout', 'mousedown', 'click', 'keyup']) {
    document.addEventListener(type, guarded(focusMayHaveMoved), true);
  }
