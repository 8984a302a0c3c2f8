  // ---------------------------------------------------------------------------------------------
  // Keys, for games (capture and apply): keydown/keyup on a key surface — a canvas, an element with
  // role "application", or the page itself when nothing is focused. Never a key in or on a field, a
  // contenteditable, a button or a link (those travel as input and click, under the privacy rules),
  // never with Ctrl, Alt or Meta (browser and system shortcuts), never auto-repeats, never on a
  // "share nothing typed" site. Whether keys travel at all is the group's choice (opt-in, on the
  // group's pages only): the app drops them otherwise.
  // ---------------------------------------------------------------------------------------------
  const KeyboardEventType = window.KeyboardEvent;
  const MAX_KEY = 32;
  /** Keys that move focus or leave the page: never a game's. */
  const NOT_GAME_KEYS = new Set(['Tab', 'Escape', 'F5', 'F11', 'F12', 'ContextMenu', 'Unidentified', 'Process', 'Dead']);
  const KEY_CODE = /^[A-Za-z0-9]{0,32}$/;

  /** The surface a key event is about: an element, document (the page), or null (not a key surface). */
  function keySurface(el) {
    if (!isElement(el) || el === document.body || el === document.documentElement) {
      return document;
    }
    if (editingHost(el) || isTextField(el) || isPrivate(el)) {
      return null;
    }
    if (tagOf(el) === 'canvas' || attr(el, 'role') === 'application') {
      return el;
    }
    return null;
  }

  function sendableKey(key, code) {
    return typeof key === 'string' && key.length > 0 && key.length <= MAX_KEY && !NOT_GAME_KEYS.has(key)
      && !/[\u0000-\u001f\u007f-\u009f]/.test(key) && typeof code === 'string' && KEY_CODE.test(code);
  }

  function onKey(e) {
    if (!e.isTrusted || applying > 0 || e.repeat || e.isComposing || e.ctrlKey || e.altKey || e.metaKey
        || rules.nothing) {
      return;
    }
    const surface = keySurface(eventTarget(e));
    if (!surface || !sendableKey(e.key, e.code)) {
      return;
    }
    const action = { kind: 'key', value: e.key, phase: e.type === 'keydown' ? 'down' : 'up' };
    if (e.code) {
      action.code = e.code;
    }
    if (e.shiftKey) {
      action.shift = true;
    }
    if (surface === document) {
      emit(action);
    } else {
      emitAbout(action, surface, true);
    }
  }

  document.addEventListener('keydown', guarded(onKey), true);
  document.addEventListener('keyup', guarded(onKey), true);

  /**
   * Applies a key on el (a key surface found by its evidence) or on the page (el null: its body):
   * keydown (and keypress for one character) or keyup, as the page's own listeners would hear them.
   * Never on anything that is not a key surface: a field, a button or a link found there is refused.
   */
  function applyKey(action, el) {
    if (!sendableKey(action.value, action.code === undefined || action.code === null ? '' : action.code)
        || (action.phase !== 'down' && action.phase !== 'up')) {
      return fail('refused');
    }
    let on;
    if (el === null) {
      on = document.body || document.documentElement;
    } else if (keySurface(el) === el) {
      on = el;
    } else {
      return fail('refused', 'not a key surface: ' + tagOf(el));
    }
    const init = { key: action.value, code: action.code || '', shiftKey: action.shift === true,
      bubbles: true, cancelable: true, composed: true, view: window };
    applyingNow(() => {
      on.dispatchEvent(new KeyboardEventType(action.phase === 'down' ? 'keydown' : 'keyup', init));
      if (action.phase === 'down' && action.value.length === 1) {
        on.dispatchEvent(new KeyboardEventType('keypress', init));
      }
    });
    return ok();
  }
