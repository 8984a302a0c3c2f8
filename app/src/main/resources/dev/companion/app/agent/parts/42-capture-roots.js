  // ---------------------------------------------------------------------------------------------
  // Capture, continued: what a captured action says about its element (evidence, a selector hint),
  // and the events of open shadow roots that do not reach the document.
  // ---------------------------------------------------------------------------------------------
  /** The element an event really happened on, inside open shadow roots (events are retargeted to hosts). */
  function eventTarget(e) {
    const path = typeof e.composedPath === 'function' ? e.composedPath() : [];
    return path.length > 0 && isElement(path[0]) ? path[0] : e.target;
  }

  /** Typing describes the same field again and again: its evidence is kept for a moment. */
  const EVIDENCE_REUSE_MS = 3000;
  const evidenceCache = new WeakMap();

  /**
   * The action with the element's evidence (target) and, when one is unique, its selector (a hint);
   * null when neither can be had. reuse: the evidence of this element from a moment ago will do.
   */
  function about(action, el, reuse) {
    let target = null;
    const cached = reuse ? evidenceCache.get(el) : null;
    if (cached && now() - cached.at < EVIDENCE_REUSE_MS) {
      target = cached.target;
    } else {
      target = evidenceOf(el);
      evidenceCache.set(el, { target, at: now() });
    }
    const selector = deepSelectorFor(el);
    if (selector) {
      action.selector = selector;
    }
    if (target) {
      action.target = target;
    }
    return action.selector || action.target ? action : null;
  }

  function emitAbout(action, el, reuse) {
    const a = about(action, el, reuse);
    if (a) {
      emit(a);
    }
  }

  // change and submit do not leave a shadow root (they are not "composed"): each open shadow root
  // gets its own listeners, for the events of its own elements only.
  const watchedRoots = new WeakSet();

  function watchRoot(root) {
    if (!root || watchedRoots.has(root)) {
      return;
    }
    watchedRoots.add(root);
    for (const [type, handler] of [['change', onChange], ['submit', onSubmit]]) {
      root.addEventListener(type, guarded((e) => {
        if (getRootNode.call(eventTarget(e)) === root) {
          handler(e);
        }
      }), true);
    }
  }

  function watchAllRoots() {
    for (const root of allRoots()) {
      if (root !== document) {
        watchRoot(root);
      }
    }
  }

  Element.prototype.attachShadow = function () {
    const root = attachShadow.apply(this, arguments);
    if (root && root.mode === 'open') {
      guarded(watchRoot)(root);
    }
    return root;
  };
  guarded(watchAllRoots)();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', guarded(watchAllRoots), { once: true });
  }
