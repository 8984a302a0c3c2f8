  // ---------------------------------------------------------------------------------------------
  // Evidence, continued: the cards, rows and list items an element sits in, and their texts (its
  // context); a list of such items is not an item itself (used by 36-context.js and 55-resolve.js).
  // ---------------------------------------------------------------------------------------------
  /** Table cells are columns of a row, not items of their own. */
  const CELLS = new Set(['td', 'th']);
  const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);

  /** A card, row or list item: an item tag or role, or one of several siblings that look alike (not a cell). */
  function isItem(el) {
    const tag = tagOf(el);
    const role = roleOf(el) || '';
    if (CELLS.has(tag) || CELL_ROLES.has(role)) {
      return false;
    }
    if (ITEM_TAGS.has(tag) || ITEM_ROLES.has(role)) {
      return true;
    }
    const parent = parentNodeOf.call(el);
    if (!parent || !parent.children) {
      return false;
    }
    const sig = tag + '.' + (attr(el, 'class') || '');
    let alike = 0;
    for (const sibling of parent.children) {
      if (tagOf(sibling) + '.' + (attr(sibling, 'class') || '') === sig && ++alike >= 2) {
        return true;
      }
    }
    return false;
  }

  /** Look-alikes of el asked for in a sibling of the item it sits in (holdsItemsLike); more say nothing new. */
  const SIBLINGS_ASKED = 20;

  /**
   * node, an item only because its siblings look like it (isItem), is a container of items rather
   * than an item for el: the child it holds el in has a sibling like it that holds an element like
   * el (its tag, its name). Two plain <ul>s side by side, bare <div> groups of bare <div> rows: the
   * list's text holds every item's, so it says nothing about which of them el is. A card whose bare
   * <div> parts hold one "Add" among them stays an item.
   */
  function holdsItemsLike(node, child, el, elName) {
    if (ITEM_TAGS.has(tagOf(node)) || ITEM_ROLES.has(roleOf(node) || '')) {
      return false;
    }
    const holder = parentNodeOf.call(child);
    if (!holder || !holder.children) {
      return false;
    }
    const sig = tagOf(child) + '.' + (attr(child, 'class') || '');
    const tag = tagOf(el);
    let asked = 0;
    for (const sibling of holder.children) {
      if (sibling === child || tagOf(sibling) + '.' + (attr(sibling, 'class') || '') !== sig) {
        continue;
      }
      if (++asked > SIBLINGS_ASKED) {
        break;
      }
      for (const other of elQuerySelectorAll.call(sibling, cssEscape(tag))) {
        if (folded(accessibleName(other)) === elName) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The texts of the cards, rows or list items el sits in, innermost first (at most 3 items, within
   * 8 levels), each without el's own text (ownText); items that say nothing more than el are
   * skipped. Each level says whether it is a container of items like el (list: holdsItemsLike)
   * rather than an item, and which it is (key: "item0" the innermost item, "list0" the innermost list).
   */
  function contextLevels(el, ownText) {
    const out = [];
    let items = 0;
    let lists = 0;
    let elName = null;
    let child = el;
    let node = composedParent(el);
    for (let depth = 0; isElement(node) && depth < 8 && items < 3;
      depth++, child = node, node = composedParent(node)) {
      if (node === document.body || node === document.documentElement || LANDMARKS[tagOf(node)]) {
        break;
      }
      if (!isItem(node)) {
        continue;
      }
      let text = deepText(node);
      if (ownText) {
        const at = text.indexOf(ownText);
        text = at >= 0 ? substring.call(text, 0, at) + ' ' + substring.call(text, at + ownText.length) : text;
      }
      text = norm(text);
      if (text.length >= 3) {
        if (elName === null) {
          elName = folded(accessibleName(el));
        }
        const list = holdsItemsLike(node, child, el, elName);
        out.push({ text: clip(text, EVIDENCE_TEXT), list, key: list ? 'list' + lists++ : 'item' + items++ });
      }
    }
    return out;
  }

  /** The texts of the items el sits in, innermost first (contextLevels without containers of items). */
  function contextsOf(el, ownText) {
    return contextLevels(el, ownText).filter((c) => !c.list).map((c) => c.text);
  }

  /** The text of the innermost card, row or list item el sits in (see contextsOf), or "". */
  function contextOf(el, ownText) {
    const all = contextsOf(el, ownText);
    return all.length > 0 ? all[0] : '';
  }

  /**
   * The context that tells el from its look-alikes: the innermost item text that not every one of
   * them has too (a cell saying "Star" in every row says nothing; the row does); when no item's
   * does, the innermost container of items whose text does (the one "Starter set" of each of two
   * bare groups).
   */
  function distinctContext(el, ownText, others) {
    const levels = contextLevels(el, ownText);
    const items = levels.filter((c) => !c.list).map((c) => c.text);
    if (others.length === 0) {
      return items.length > 0 ? items[0] : levels.length > 0 ? levels[0].text : '';
    }
    const theirs = others.slice(0, 20).map((o) => contextLevels(o, ownText));
    const telling = (mine, of) => {
      for (let level = 0; level < mine.length; level++) {
        if (!theirs.every((t) => of(t)[level] === mine[level])) {
          return mine[level];
        }
      }
      return null;
    };
    const itemsOf = (ls) => ls.filter((c) => !c.list).map((c) => c.text);
    const allOf = (ls) => ls.map((c) => c.text);
    return telling(items, itemsOf) || telling(allOf(levels), allOf) || items[0] || (levels.length > 0 ? levels[0].text : '');
  }
