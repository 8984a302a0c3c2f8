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

  /**
   * Entry point for the app: json is the action as a JSON string, id names the answer; domPress true
   * (the follow benchmark's peer row only) clicks by a DOM event, as before real input.
   */
  async function apply(json, id, domPress) {
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
      result = await applyAction(action, (detail) => send({ t: 'waiting', id: String(id), detail: String(detail) }),
        domPress === true ? null : (x, y, dpr) => send({ t: 'press', id: String(id), x, y, dpr }));
    } catch (e) {
      result = fail('error');
    }
    send({ t: 'result', id: String(id), applied: result.applied, reason: result.reason, detail: result.detail });
  }

  Object.defineProperty(document, config.key, {
    value: Object.freeze({
      apply: (json, id, domPress) => { apply(json, id, domPress === true).catch(noop); },
      snapshot: (id) => { snapshotFor(id); },
      restore: (json, id) => { restore(json, id).catch(noop); },
      film: (json, id) => { filmFor(json, id).catch(noop); },
      check: (json, id) => { check(json, id).catch(noop); },
      pick: (id) => { pick(id); },
      point: (json, id) => { showPoint(json, id); },
      privacy: (json, token) => { updatePrivacy(json, token); },
      drawMode: (on) => { drawMode(on === true); },
      draw: (json, id) => { showDrawing(json, id); },
      clearDrawings: () => { clearDrawings(); },
    }),
    enumerable: false,
    configurable: false,
    writable: false,
  });
