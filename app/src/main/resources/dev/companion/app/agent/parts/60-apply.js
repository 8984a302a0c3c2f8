  // ---------------------------------------------------------------------------------------------
  // Apply
  // ---------------------------------------------------------------------------------------------
  function ok() {
    return { applied: true, reason: null };
  }

  /** Not applied: a reason code (ApplyResult) and, optionally, words for people. */
  function fail(reason, detail) {
    return detail ? { applied: false, reason, detail } : { applied: false, reason };
  }

  /** Runs a change to the page as "applying", so the agent does not capture what it causes. */
  function applyingNow(change) {
    applying++;
    try {
      return change();
    } finally {
      applying--;
    }
  }

  function querySelector(selector) {
    try {
      return { el: queryDeep(selector) };
    } catch (e) {
      return { error: 'bad-selector' };
    }
  }

  /** A selector that says only where an element was among its siblings: not enough to press anything. */
  function positionOnly(selector) {
    return /:nth-(of-type|child|last-of-type|last-child)\(/.test(selector);
  }

  /**
   * The element for an action without evidence (an older agent): its selector, unless that is only
   * a position, waiting up to CONTENT_WAIT_MS for it to appear.
   */
  function find(selector, waiting) {
    return new Promise((resolve) => {
      if (typeof selector !== 'string' || selector.length > MAX_SELECTOR) {
        resolve({ error: 'refused' });
        return;
      }
      if (positionOnly(selector)) {
        resolve({ error: 'weak-target', detail: 'only a position was sent (' + clip(selector, 80) + ')' });
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
        cancel(notice);
        resolve(result);
      };
      const notice = later(() => waiting('target-not-found: no ' + clip(selector, 80) + ' yet'), WAITING_NOTICE_MS);
      const timer = later(() => {
        const last = querySelector(selector);
        finish(last.el ? last : { error: 'target-not-found', detail: 'no ' + clip(selector, 80) + ' within '
          + (CONTENT_WAIT_MS / 1000) + ' s' });
      }, CONTENT_WAIT_MS);
      observer = new MutationObserver(() => {
        const r = querySelector(selector);
        if (r.el) {
          finish(r);
        }
      });
      observeAll(observer);
    });
  }

  /** The element an action is for: by its evidence when it has some, else by its selector. */
  function locate(action, waiting) {
    if (action.target && typeof action.target === 'object') {
      return resolveWaiting(action.target, waiting);
    }
    return find(action.selector, waiting);
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
        if (typeof action.value !== 'string') {
          return fail('refused');
        }
        return setText(el, action.value);
      case 'change':
        if (isSelect(el) && typeof action.value === 'string') {
          return chooseOption(el, action.value, action.label, action.option_group);
        }
        if (typeof action.checked === 'boolean' && (isToggle(el) || isAriaToggle(el))) {
          return setChecked(el, action.checked);
        }
        if (typeof action.value === 'string') {
          return setText(el, action.value);
        }
        return fail('refused');
      case 'click': {
        const own = ownerOnly(action, el, null); // 58-owner: money or identity stays with its owner
        if (own) {
          return leaveToOwner(own);
        }
        click(el);
        return ok();
      }
      case 'submit': {
        if (tagOf(el) !== 'form') {
          return fail('refused');
        }
        const submitter = submitterOf(el, action);
        if (submitter.error) {
          return fail(submitter.error, submitter.detail);
        }
        const own = ownerOnly(action, el, submitter.el);
        if (own) {
          return leaveToOwner(own);
        }
        requestSubmit.call(el, submitter.el);
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

  /**
   * Applies a received action in this frame; waiting(detail) hears once when its target is awaited;
   * pressVia(x, y, dpr) asks the app to press at a point of the top page (61-press.js).
   */
  async function applyAction(action, waiting, pressVia) {
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
      case 'key':
        if ((action.selector === undefined || action.selector === null) && !action.target) {
          return applyKey(action, null); // the page itself
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
    const found = await locate(action, waiting || noop);
    if (found.error) {
      return fail(found.error, found.detail);
    }
    if ((action.kind === 'click' || action.kind === 'submit') && ownerPress(found.el)) {
      // a press in private context here (a sign-in, a payment with a PIN): the person's own to make,
      // outlined for them (58-owner), never pressed and never a silent private-field refusal
      const own = ownerOnly(action, found.el, null);
      if (own) {
        return leaveToOwner(own);
      }
    }
    if (isPrivate(found.el) || (action.kind === 'input' && rules.nothing && editingHost(found.el))) {
      return fail('private-field'); // (a contenteditable is typed text too: 40-capture.js editablePrivate)
    }
    if (action.kind === 'media') {
      return applyMedia(action, found.el);
    }
    if (action.kind === 'key') {
      return applyKey(action, found.el);
    }
    if (action.kind === 'click') {
      const own = ownerOnly(action, found.el, null); // 58-owner: money or identity stays with its owner
      return own ? leaveToOwner(own) : press(found.el, pressVia);
    }
    if (action.kind === 'change' && typeof action.checked === 'boolean' && isAriaToggle(found.el)) {
      return setAriaChecked(found.el, action.checked);
    }
    return applyingNow(() => applyTo(action, found.el));
  }
