  // ---------------------------------------------------------------------------------------------
  // Expectations: after a step that carried one (a bot leading a flow), does this page show what
  // the step expects -- an element, a text? The step's sender is an untrusted member: the answer is
  // only matched or not, never what the page shows; an element may not be a private field or hold
  // one, and a selector may not ask about what a field holds (its value attribute, pseudo-classes
  // of its state, :has, escapes). The URL part is checked by the app. Top frame only.
  // ---------------------------------------------------------------------------------------------
  /** How long check() waits for the page to show what is expected. */
  const EXPECT_WAIT_MS = 5000;
  const MAX_EXPECT_TEXT = 500;
  const innerTextOf = describe(HTMLElement.prototype, 'innerText').get;
  /** The only pseudo-classes an expected element's selector may use: structure, never state. */
  const STRUCTURAL_PSEUDO = ['first-child', 'last-child', 'only-child', 'first-of-type', 'last-of-type', 'only-of-type',
    'nth-child', 'nth-last-child', 'nth-of-type', 'nth-last-of-type', 'not', 'is', 'where', 'root'];

  /** True when selector only asks about a page's structure (see above); anything else is not checked. */
  function structuralSelector(selector) {
    if (selector.length > MAX_SELECTOR || selector.indexOf('\\') >= 0 || /\[\s*value/i.test(selector)) {
      return false;
    }
    const unquoted = selector.replace(/"[^"]*"|'[^']*'/g, '""'); // a quoted value holds no selector syntax
    const pseudo = /::?([a-zA-Z-]*)/g;
    let m;
    while ((m = pseudo.exec(unquoted)) !== null) {
      if (STRUCTURAL_PSEUDO.indexOf(m[1].toLowerCase()) < 0) {
        return false;
      }
    }
    return true;
  }

  /** True when el is a private field or holds one. */
  function holdsPrivate(el) {
    if (isPrivate(el)) {
      return true;
    }
    for (const f of elQuerySelectorAll.call(el, 'input, textarea, select, [contenteditable]')) {
      if (isPrivate(f)) {
        return true;
      }
    }
    return false;
  }

  /** Does the page show what expect asks now? A bad selector never matches. */
  function expectationMet(expect) {
    if (typeof expect.element === 'string') {
      let found = false;
      try {
        for (const el of docQuerySelectorAll.call(document, expect.element)) {
          if (isVisible(el) && !holdsPrivate(el)) {
            found = true;
            break;
          }
        }
      } catch (e) {
        return false;
      }
      if (!found) {
        return false;
      }
    }
    if (typeof expect.text === 'string') {
      const body = document.body;
      const shown = body ? String(innerTextOf.call(body)) : '';
      if (shown.indexOf(expect.text) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Waits up to EXPECT_WAIT_MS for expect to be met (on every change of the document); true or false. */
  function awaitExpectation(expect) {
    if (expectationMet(expect)) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let scheduled = false;
      let done = false;
      const finish = (matched) => {
        if (!done) {
          done = true;
          observer.disconnect();
          cancel(deadline);
          resolve(matched);
        }
      };
      const observer = new MutationObserver(() => {
        if (!scheduled) {
          scheduled = true;
          later(() => {
            scheduled = false;
            if (!done && expectationMet(expect)) {
              finish(true);
            }
          }, 50);
        }
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
      const deadline = later(() => finish(expectationMet(expect)), EXPECT_WAIT_MS);
    });
  }

  /** Entry point for the app: json is {element?, text?} as a JSON string; answers {t:'checked', id, matched}. */
  async function check(json, id) {
    let expect = null;
    try {
      expect = parse(String(json));
    } catch (e) {
      expect = null;
    }
    let matched = false;
    if (expect && typeof expect === 'object' && framePath() === ''
        && (expect.element === undefined || (typeof expect.element === 'string' && structuralSelector(expect.element)))
        && (expect.text === undefined || (typeof expect.text === 'string' && expect.text.length <= MAX_EXPECT_TEXT))) {
      try {
        matched = (await awaitExpectation(expect)) === true;
      } catch (e) {
        matched = false;
      }
    }
    send({ t: 'checked', id: String(id), matched: matched });
  }
