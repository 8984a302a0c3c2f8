  // ---------------------------------------------------------------------------------------------
  // Pressing: an applied click is real input. The agent brings its target into view, picks the
  // point a person would press (the centre of its first box inside the viewport), checks that the
  // point reaches the target (elementFromPoint, through open shadow roots and same-origin frames),
  // and asks the app to press there (CEF mouse events: move, press, release); the page then sees a
  // trusted click. A capturing guard confirms that the press reached the target and stops a press
  // that lands on anything else before the page sees it. What is covered is refused, never pressed
  // underneath. A target without a box, or in a frame of another origin, is clicked by a DOM event
  // (as before), and the result says so. docs/adr/0015-applied-clicks-are-real-input.md.
  // ---------------------------------------------------------------------------------------------
  /** How long the agent waits for the app's press to reach the page. */
  const PRESS_CONFIRM_MS = 2500;
  const docElementFromPoint = Document.prototype.elementFromPoint;
  const rootElementFromPoint = ShadowRoot.prototype.elementFromPoint;
  const clientRects = Element.prototype.getClientRects;
  const composedPath = Event.prototype.composedPath;
  const frameElementOf = (describe(Window.prototype, 'frameElement') || describe(window, 'frameElement')).get;
  /** The trusted events of a press: each must reach the target, else it is stopped. */
  const PRESS_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];

  /** The element a person's press at (x, y) of doc's viewport reaches, through open shadow roots. */
  function deepHit(doc, x, y) {
    let hit = docElementFromPoint.call(doc, x, y);
    for (let depth = 0; hit && depth < 32; depth++) {
      const root = shadowRootOf.call(hit);
      const inner = root ? rootElementFromPoint.call(root, x, y) : null;
      if (!inner || inner === hit) {
        break;
      }
      hit = inner;
    }
    return hit;
  }

  /** Whether a press on hit is a press on el: el itself, inside it, or a label of it. */
  function reaches(hit, el) {
    for (let node = hit; isElement(node); node = composedParent(node)) {
      if (node === el) {
        return true;
      }
    }
    const label = hit && composedClosest(hit, 'label');
    return !!label && label.control === el;
  }

  function viewportOf(doc) {
    const de = doc.documentElement;
    const view = doc.defaultView;
    return {
      w: de && de.clientWidth > 0 ? de.clientWidth : view.innerWidth,
      h: de && de.clientHeight > 0 ? de.clientHeight : view.innerHeight,
    };
  }

  /** The centre of el's first box inside the viewport, or null (no box, or none in view). */
  function pressPoint(el) {
    const vp = viewportOf(document);
    const rects = clientRects.call(el);
    for (let i = 0; i < rects.length; i++) {
      const r = rects[i];
      const left = Math.max(r.left, 0);
      const top = Math.max(r.top, 0);
      const right = Math.min(r.right, vp.w);
      const bottom = Math.min(r.bottom, vp.h);
      if (right - left >= 1 && bottom - top >= 1) {
        return { x: (left + right) / 2, y: (top + bottom) / 2 };
      }
    }
    return null;
  }

  function hasBox(el) {
    const rects = clientRects.call(el);
    for (let i = 0; i < rects.length; i++) {
      if (rects[i].width > 0 && rects[i].height > 0) {
        return true;
      }
    }
    return false;
  }

  /** Words for people about what a press would reach instead: "button 'Accept all'". */
  function nameForPeople(el) {
    const name = clip(accessibleName(el) || deepText(el, 200), 40);
    return tagOf(el) + (name ? " '" + name + "'" : '');
  }

  /** Scrolls el into view (only when its point is not in view), keeping the scrolls it causes from being sent. */
  function bringIntoView(el) {
    if (pressPoint(el)) {
      return;
    }
    scrollQuietly(el, 'center');
  }

  /**
   * Where a press at (x, y) of this frame's viewport lands in the top page's viewport: {x, y}, or
   * {covered} when a parent's page covers the frame there, or null when a parent is of another
   * origin (its layout cannot be read from here).
   */
  function inTopViewport(x, y) {
    let w = window;
    for (let depth = 0; w !== w.parent && depth < 16; depth++) {
      let frameEl;
      try {
        frameEl = frameElementOf.call(w);
      } catch (e) {
        return null;
      }
      if (!frameEl) {
        return null; // a parent of another origin
      }
      const r = boundingRect.call(frameEl);
      const style = frameEl.ownerDocument.defaultView.getComputedStyle(frameEl);
      x += r.left + frameEl.clientLeft + (parseFloat(style.paddingLeft) || 0);
      y += r.top + frameEl.clientTop + (parseFloat(style.paddingTop) || 0);
      const vp = viewportOf(frameEl.ownerDocument);
      const hit = x >= 0 && y >= 0 && x < vp.w && y < vp.h ? deepHit(frameEl.ownerDocument, x, y) : null;
      if (hit !== frameEl) {
        return { covered: hit ? nameForPeople(hit) : 'the edge of the view' };
      }
      w = w.parent;
    }
    return { x, y };
  }

  const raf = window.requestAnimationFrame.bind(window);
  const paintEntries = () => performance.getEntriesByType('paint').length > 0;
  /**
   * True once this document has been painted and one more frame begun. Watched from the agent's
   * start (below), so a press on a settled page goes at once instead of waiting for a frame of its
   * own (that wait was 7 ms at the median in a trace, docs/benchmarks.md); a press
   * right after a load still waits for it. Reset while the document is in the back-forward cache.
   */
  let paintedOnce = false;

  /**
   * Resolves once this document has been painted and one more frame begun (true), or false after
   * PRESS_CONFIRM_MS: Chromium drops input that arrives before a new page's first paint.
   */
  function painted() {
    if (paintedOnce) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let observer = null;
      const timer = later(() => {
        if (observer) {
          observer.disconnect();
        }
        resolve(false);
      }, PRESS_CONFIRM_MS);
      const go = () => raf(() => {
        cancel(timer);
        paintedOnce = true;
        resolve(true);
      });
      if (paintEntries() || typeof PerformanceObserver !== 'function') {
        go();
        return;
      }
      observer = new PerformanceObserver(() => {
        observer.disconnect();
        go();
      });
      observer.observe({ type: 'paint', buffered: true });
    });
  }
  painted();
  addListener.call(window, 'pagehide', () => { paintedOnce = false; }, true);
  addListener.call(window, 'pageshow', (e) => {
    if (e.persisted) {
      painted();
    }
  }, true);

  /** A click by a DOM event (isTrusted false), when real input cannot reach el; says why. */
  function domClick(el, why) {
    applyingNow(() => click(el));
    return { applied: true, reason: null, detail: 'dom-event: ' + why };
  }

  /**
   * Presses el as a person would, through the app (pressVia(x, y, dpr) asks it to); resolves to the
   * result. Everything el's press causes in this frame is the agent's own (never captured).
   */
  async function press(el, pressVia) {
    if (typeof pressVia !== 'function') {
      return domClick(el, 'no input route');
    }
    if (!hasBox(el)) {
      return domClick(el, 'not shown');
    }
    if (!await painted()) {
      return fail('timeout', 'the page was not painted within ' + (PRESS_CONFIRM_MS / 1000) + ' s');
    }
    bringIntoView(el);
    const point = pressPoint(el);
    if (!point) {
      return fail('covered', nameForPeople(el) + ' is out of view');
    }
    const hit = deepHit(document, point.x, point.y);
    if (!reaches(hit, el)) {
      return fail('covered', hit ? 'covered by ' + nameForPeople(hit) : 'nothing to press at its place');
    }
    const top = inTopViewport(point.x, point.y);
    if (top === null) {
      return domClick(el, 'in a frame of another origin');
    }
    if (top.covered) {
      return fail('covered', 'its frame is covered by ' + top.covered);
    }
    return pressAt(el, top, pressVia);
  }

  /**
   * Has the app press at top (the top page's viewport) and waits for the press: applied when its
   * click (or, if the page replaced el meanwhile, its button press) reached el; a press that lands
   * elsewhere first is stopped at this window, all of it, before the page's own listeners see it.
   * A press that has not arrived within PRESS_CONFIRM_MS is answered "timeout" and, should it
   * still come, stopped as well for as long again (so the answer stays true).
   */
  function pressAt(el, top, pressVia) {
    return new Promise((resolve) => {
      let downOnTarget = false;
      let verdict = null;
      let timer = null;
      const cleanUp = () => {
        cancel(timer);
        for (let i = 0; i < PRESS_EVENTS.length; i++) {
          removeListener.call(window, PRESS_EVENTS[i], guard, true);
        }
        // the click's own consequences (a checkbox's change, a form's submit) follow in this task
        later(() => { applying--; }, 0);
      };
      const guard = (e) => {
        if (!e.isTrusted) {
          return;
        }
        const onTarget = composedPath.call(e).indexOf(el) >= 0;
        if (verdict === null && !onTarget && !downOnTarget) {
          const strayed = composedPath.call(e)[0];
          verdict = fail('covered', 'the press landed on '
            + (isElement(strayed) ? nameForPeople(strayed) : 'another element') + '; stopped');
          resolve(verdict);
        }
        if (verdict) {
          stopImmediately.call(e); // the page never sees any of a press that landed elsewhere
          preventDefault.call(e);
        } else if (onTarget && (e.type === 'mousedown' || e.type === 'pointerdown')) {
          downOnTarget = true;
        }
        if (e.type === 'click') {
          resolve(verdict || ok());
          cleanUp();
        }
      };
      for (let i = 0; i < PRESS_EVENTS.length; i++) {
        addListener.call(window, PRESS_EVENTS[i], guard, true);
      }
      applying++;
      timer = later(() => {
        if (verdict === null && downOnTarget) {
          resolve(ok());
          cleanUp();
          return;
        }
        if (verdict === null) {
          verdict = fail('timeout', 'the press did not reach the page within ' + (PRESS_CONFIRM_MS / 1000) + ' s');
          resolve(verdict);
        }
        timer = later(cleanUp, PRESS_CONFIRM_MS);
      }, PRESS_CONFIRM_MS);
      pressVia(top.x, top.y, window.devicePixelRatio || 1);
    });
  }
