  // ---------------------------------------------------------------------------------------------
  // Pointing ("look here", docs/protocol.md "Pointing"): the person picks an element of the top
  // page -- the next click (not performed: the page never sees it, nothing is captured) or Enter on
  // the focused element; Esc cancels -- and the app gets its evidence (describeTarget: never what a
  // field holds). A member's point is found with the follower's resolver (one candidate clearly
  // best, else nothing and why) and outlined for a while: scrolled into view when out of it, the
  // focus not moved, nothing pressed. The outline lives in a closed shadow root: the page's CSS
  // cannot restyle it and its scripts cannot find it. Top frame only.
  // ---------------------------------------------------------------------------------------------
  /** How long an outline stays. */
  const POINT_OUTLINE_MS = 5000;
  /** How long picking waits for the person's click. */
  const PICK_MS = 60000;
  const PICK_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'auxclick', 'dblclick',
    'contextmenu'];

  let picking = null;

  /** The element a person means by ev's target: the interactive one around it, else itself. */
  function meantBy(el) {
    return composedClosest(el, INTERACTIVE) || el;
  }

  /** The element with the focus, inside open shadow roots. */
  function deepFocus() {
    let el = activeElementOf.call(document);
    while (isElement(el)) {
      const shadow = shadowRootOf.call(el);
      const inner = shadow ? shadow.activeElement : null;
      if (!isElement(inner)) {
        break;
      }
      el = inner;
    }
    return isElement(el) && el !== document.body && el !== document.documentElement ? el : null;
  }

  /** Starts picking for call id (a new pick ends the one before, cancelled). */
  function pick(id) {
    if (framePath() !== '') {
      return;
    }
    endPick({ cancelled: true });
    const call = String(id);
    const swallow = (e) => {
      if (!e.isTrusted) {
        return;
      }
      preventDefault.call(e);
      stopImmediately.call(e);
      if (e.type === 'click') {
        const el = eventTarget(e);
        if (isElement(el)) {
          pickedEl(meantBy(el));
        }
      }
    };
    const keys = (e) => {
      if (!e.isTrusted) {
        return;
      }
      if (e.key === 'Escape') {
        preventDefault.call(e);
        stopImmediately.call(e);
        endPick({ cancelled: true });
      } else if (e.key === 'Enter') {
        const el = deepFocus();
        if (el) {
          preventDefault.call(e);
          stopImmediately.call(e);
          pickedEl(el);
        }
      }
    };
    const timer = later(() => endPick({ cancelled: true }), PICK_MS);
    for (const type of PICK_EVENTS) {
      addListener.call(window, type, swallow, true);
    }
    addListener.call(window, 'keydown', keys, true);
    picking = (answer) => {
      cancel(timer);
      for (const type of PICK_EVENTS) {
        removeListener.call(window, type, swallow, true);
      }
      removeListener.call(window, 'keydown', keys, true);
      send(Object.assign({ t: 'picked', id: call }, answer));
    };
  }

  function pickedEl(el) {
    const target = evidenceOf(el);
    endPick(target ? { target } : { cancelled: true });
  }

  function endPick(answer) {
    if (picking) {
      const end = picking;
      picking = null;
      end(answer);
    }
  }

  let pointOutline = null;

  /** Outlines el (see above) for POINT_OUTLINE_MS, in place of any outline before. */
  function outlinePoint(el) {
    removePointOutline();
    const remove = outline('companion-point', el, 'all:initial;position:fixed;pointer-events:none;z-index:2147483647;'
      + 'box-sizing:border-box;display:block;visibility:visible;opacity:1;border:4px solid #1c7ed6;border-radius:6px;'
      + 'box-shadow:0 0 0 4px rgba(28,126,214,0.35);', 6);
    const timer = later(removePointOutline, POINT_OUTLINE_MS);
    pointOutline = () => {
      cancel(timer);
      remove();
    };
  }

  function removePointOutline() {
    if (pointOutline) {
      const remove = pointOutline;
      pointOutline = null;
      remove();
    }
  }

  /** True when el's box is inside the window. */
  function inView(el) {
    const r = boundingRect.call(el);
    return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
  }

  /** Entry point for the app: finds a member's point and outlines it; answers {t:'shown', id, found, reason?, detail?}. */
  function showPoint(json, id) {
    if (framePath() !== '') {
      return;
    }
    let answer;
    try {
      const target = parse(String(json));
      const found = target && typeof target === 'object' ? resolveTarget(target) : { error: 'target-not-found' };
      if (found.el) {
        if (!inView(found.el)) {
          scrollQuietly(found.el, 'nearest'); // not sent to the group as the person's own scroll
        }
        outlinePoint(found.el);
        answer = { found: true };
      } else {
        removePointOutline();
        answer = { found: false, reason: String(found.error), detail: String(found.detail || '') };
      }
    } catch (e) {
      answer = { found: false, reason: 'error', detail: '' };
    }
    send(Object.assign({ t: 'shown', id: String(id) }, answer));
  }
