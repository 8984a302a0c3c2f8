  // ---------------------------------------------------------------------------------------------
  // Selectors: unique in this document (or in the shadow root an element is in). A hint for the
  // follower, never proof: the evidence (35-evidence.js) decides which element is meant.
  // ---------------------------------------------------------------------------------------------
  /** Separates the selector of a shadow host from the selector inside its shadow root. */
  const SHADOW_STEP = ' >>> ';

  function queryAllIn(root, selector) {
    return root === document ? docQuerySelectorAll.call(document, selector) : fragQuerySelectorAll.call(root, selector);
  }

  function matchesOnly(selector, el, root) {
    try {
      const all = queryAllIn(root || document, selector);
      return all.length === 1 && all[0] === el;
    } catch (e) {
      return false;
    }
  }

  /** The document or open shadow root el is in. */
  function rootOf(el) {
    return getRootNode.call(el);
  }

  /**
   * A selector for el in this document, through open shadow roots: "host >>> inner" for each
   * shadow root it is in. Null when none is unique or it gets too long.
   */
  function deepSelectorFor(el) {
    const root = rootOf(el);
    if (root === document) {
      return selectorFor(el);
    }
    if (!(root instanceof ShadowRoot) || !isElement(root.host)) {
      return null;
    }
    const host = deepSelectorFor(root.host);
    let inner = null;
    try {
      inner = buildSelector(el, 0, root);
    } catch (e) {
      inner = null;
    }
    const s = host && inner ? host + SHADOW_STEP + inner : null;
    return s && s.length <= MAX_SELECTOR ? s : null;
  }

  /** The element a (deep) selector names, or null; throws on bad CSS. */
  function queryDeep(selector) {
    const steps = String(selector).split(SHADOW_STEP);
    let root = document;
    let el = null;
    for (let i = 0; i < steps.length; i++) {
      const found = queryAllIn(root, steps[i]);
      el = found.length > 0 ? found[0] : null;
      if (!el) {
        return null;
      }
      if (i < steps.length - 1) {
        root = shadowRootOf.call(el);
        if (!root) {
          return null;
        }
      }
    }
    return el;
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

  function buildSelector(el, depth, inRoot) {
    const root = inRoot || document;
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
      if (matchesOnly(s, el, root)) {
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
      if (isElement(form) && depth === 0 && rootOf(form) === root) {
        const formSelector = buildSelector(form, depth + 1, root);
        if (formSelector && matchesOnly(formSelector + ' ' + s, el, root)) {
          return formSelector + ' ' + s;
        }
      }
      if (matchesOnly(s, el, root)) {
        return s;
      }
    }
    const testId = attr(el, 'data-testid');
    if (testId) {
      const s = '[data-testid="' + cssEscape(testId) + '"]';
      if (matchesOnly(s, el, root)) {
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
      if (nodeId && matchesOnly('#' + cssEscape(nodeId), node, root)) {
        steps.unshift('#' + cssEscape(nodeId));
        break;
      }
      steps.unshift(pathStep(node));
      node = node.parentElement; // null at the top of a shadow root
    }
    const path = steps.join(' > ');
    return matchesOnly(path, el, root) ? path : null;
  }
