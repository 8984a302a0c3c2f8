  // ---------------------------------------------------------------------------------------------
  // Selectors: robust and unique in this document
  // ---------------------------------------------------------------------------------------------
  function matchesOnly(selector, el) {
    try {
      const all = docQuerySelectorAll.call(document, selector);
      return all.length === 1 && all[0] === el;
    } catch (e) {
      return false;
    }
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

  function buildSelector(el, depth) {
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
      if (matchesOnly(s, el)) {
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
      if (isElement(form) && depth === 0) {
        const formSelector = buildSelector(form, depth + 1);
        if (formSelector && matchesOnly(formSelector + ' ' + s, el)) {
          return formSelector + ' ' + s;
        }
      }
      if (matchesOnly(s, el)) {
        return s;
      }
    }
    const testId = attr(el, 'data-testid');
    if (testId) {
      const s = '[data-testid="' + cssEscape(testId) + '"]';
      if (matchesOnly(s, el)) {
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
      if (nodeId && matchesOnly('#' + cssEscape(nodeId), node)) {
        steps.unshift('#' + cssEscape(nodeId));
        break;
      }
      steps.unshift(pathStep(node));
      node = node.parentElement;
    }
    const path = steps.join(' > ');
    return matchesOnly(path, el) ? path : null;
  }
