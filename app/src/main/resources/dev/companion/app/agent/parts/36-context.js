  // ---------------------------------------------------------------------------------------------
  // Evidence, continued: where an element sits (the headings above it, its form, landmark, shadow
  // hosts and frame; its card or row: 35-items.js), and the whole description of one element (a Target).
  // ---------------------------------------------------------------------------------------------
  function headingLevel(el) {
    const tag = tagOf(el);
    if (/^h[1-6]$/.test(tag)) {
      return Number(substring.call(tag, 1));
    }
    if (roleOf(el) === 'heading') {
      const level = Number(attr(el, 'aria-level'));
      return level >= 1 && level <= 9 ? level : 2;
    }
    return 0;
  }

  /**
   * A document's or shadow root's headings in document order, and the order of all its elements
   * (one walk). Kept while one resolving or describing runs (pageCache), so that many candidates
   * cost one walk.
   */
  let pageCache = null;

  function orderOf(root) {
    let order = pageCache ? pageCache.get(root) : undefined;
    if (order === undefined) {
      order = { index: new Map(), headings: [], texts: new Map() };
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      let n = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        order.index.set(node, n++);
        if (headingLevel(node) > 0) {
          order.headings.push(node);
        }
      }
      if (pageCache) {
        pageCache.set(root, order);
      }
    }
    return order;
  }

  /** Runs work with the page's order kept between calls. */
  function withHeadingCache(work) {
    const outer = pageCache;
    pageCache = outer || new Map();
    try {
      return work();
    } finally {
      pageCache = outer;
    }
  }

  /** The index of the last heading that is before el (or holds it) in document order; -1: none. */
  function lastHeadingBefore(order, el) {
    const at = order.index.get(el);
    if (at === undefined) {
      return -1;
    }
    let lo = 0;
    let hi = order.headings.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (order.index.get(order.headings[mid]) <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * A heading that is the title of a card, row or list item el is not in ("Sencha" on the last card
   * before a pager): it heads that item only, not what comes after it.
   */
  function titlesAnotherItem(heading, el) {
    let node = parentNodeOf.call(heading);
    for (let depth = 0; isElement(node) && depth < 8; depth++, node = parentNodeOf.call(node)) {
      if (node === document.body || LANDMARKS[tagOf(node)]) {
        return false;
      }
      if (isItem(node)) {
        return !node.contains(el);
      }
    }
    return false;
  }

  /**
   * The nearest headings above el in document order, nearest first, each one level up; in a table
   * cell its column's header comes first (it says what the cell is, as a heading does).
   */
  function headingsOf(el) {
    const out = [];
    const column = columnHeaderOf(el);
    if (column) {
      out.push(column);
    }
    let below = 99;
    for (let from = el; isElement(from) && out.length < 3;) {
      const root = rootOf(from);
      const order = orderOf(root);
      for (let i = lastHeadingBefore(order, from); i >= 0 && out.length < 3; i--) {
        const node = order.headings[i];
        const level = headingLevel(node);
        if (level < below && !titlesAnotherItem(node, from)) {
          let text = order.texts.get(node);
          if (text === undefined) {
            text = composedClosest(node, '[data-companion-private]') ? '' : clip(deepText(node, 300), EVIDENCE_TEXT);
            order.texts.set(node, text);
          }
          if (text) {
            out.push(text);
            below = level;
          }
        }
      }
      from = root instanceof ShadowRoot ? root.host : null;
    }
    return out;
  }


  function formEvidenceOf(el) {
    const form = tagOf(el) === 'form' ? null : (el.form || composedClosest(el, 'form'));
    if (!isElement(form)) {
      return '';
    }
    const id = attr(form, 'id');
    return clip(attr(form, 'name') || (id && !looksGenerated(id) ? id : '')
      || urlAttr(attr(form, 'action') || '') || '', EVIDENCE_TEXT);
  }

  function landmarkOf(el) {
    for (let node = composedParent(el); isElement(node); node = composedParent(node)) {
      const explicit = attr(node, 'role');
      const role = explicit ? roleOf(node)
        : LANDMARKS[tagOf(node)] || (tagOf(node) === 'section' && (hasAttribute.call(node, 'aria-label')
          || hasAttribute.call(node, 'aria-labelledby')) ? 'region' : null);
      if (role && /^(navigation|main|banner|contentinfo|complementary|region|search|dialog|form|tabpanel)$/.test(role)) {
        const label = norm(attr(node, 'aria-label') || (attr(node, 'aria-labelledby')
          ? textOfIds(attr(node, 'aria-labelledby')) : '') || (role === 'tabpanel' ? tabOf(node) : ''));
        return clip(label ? role + " '" + label + "'" : role, EVIDENCE_TEXT);
      }
    }
    return '';
  }

  function hostsOf(el) {
    const out = [];
    for (let root = rootOf(el); root instanceof ShadowRoot && out.length < 8; root = rootOf(root.host)) {
      const host = root.host;
      const id = attr(host, 'id');
      out.unshift(clip(tagOf(host) + (id && !looksGenerated(id) ? '#' + id : ''), EVIDENCE_TEXT));
    }
    return out;
  }

  /**
   * The headings that tell el from its look-alikes: those not above every one of them (a section
   * heading all the cards share says nothing about which card). At most 20 look-alikes are asked.
   */
  function distinctHeadings(headings, others) {
    const theirs = others.slice(0, 20).map((o) => headingsOf(o).map(lower));
    return headings.filter((h) => !theirs.every((hs) => hs.indexOf(folded(h)) >= 0));
  }

  /** The language of the element's text (its lang, or its document's), when it looks like a language tag. */
  function langOf(el) {
    const holder = composedClosest(el, '[lang]');
    const lang = holder ? attr(holder, 'lang') : document.documentElement.lang;
    return /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$/.test(lang || '') ? lang : '';
  }

  /** This frame's name, when it looks like one (window.name can hold anything). */
  function frameNameOf() {
    if (window === window.top) {
      return '';
    }
    const name = String(window.name || '');
    return /^[\w .:-]{1,100}$/.test(name) ? name : '';
  }

  /**
   * The evidence for el (a Target), and the element's look-alikes counted on this page (same role
   * and name) for index and count.
   */
  function describeTarget(el) {
    return withHeadingCache(() => describeWithin(el));
  }

  /** el's evidence (describeTarget), or null when it cannot be described or names nothing. */
  function evidenceOf(el) {
    let target = null;
    try {
      target = describeTarget(el);
    } catch (e) {
      return null;
    }
    return target && (target.tag || target.role || target.name || target.attrs) ? target : null;
  }

  function describeWithin(el) {
    const target = {};
    const tag = tagOf(el);
    if (/^[a-z][a-z0-9._-]{0,63}$/.test(tag)) {
      target.tag = tag;
    }
    const role = roleOf(el);
    if (role && /^[a-z][a-z-]{0,31}$/.test(role)) {
      target.role = role;
    }
    const name = clip(accessibleName(el), EVIDENCE_TEXT);
    if (name) {
      target.name = name;
    }
    const own = deepText(el, 400);
    const text = clip(own, EVIDENCE_TEXT);
    if (text && text !== name && !isTextField(el)) {
      target.text = text;
    }
    const attrs = stableAttrs(el);
    if (Object.keys(attrs).length > 0) {
      target.attrs = attrs;
    }
    const alike = lookAlikes(target);
    const context = distinctContext(el, own || name, alike.filter((o) => o !== el));
    if (context) {
      target.context = context;
    }
    const headings = headingsOf(el);
    if (headings.length > 0) {
      target.headings = headings;
    }
    const form = formEvidenceOf(el);
    if (form) {
      target.form = form;
    }
    const landmark = landmarkOf(el);
    if (landmark) {
      target.landmark = landmark;
    }
    const hosts = hostsOf(el);
    if (hosts.length > 0) {
      target.hosts = hosts;
    }
    const lang = langOf(el);
    if (lang) {
      target.lang = lang;
    }
    const frameName = frameNameOf();
    if (frameName) {
      target.frameName = frameName;
    }
    const index = alike.indexOf(el);
    if (index >= 0 && alike.length <= 100000) {
      target.index = index + 1;
      target.count = alike.length;
    }
    if (target.headings && alike.length > 1) {
      target.headings = distinctHeadings(target.headings, alike.filter((o) => o !== el));
      if (target.headings.length === 0) {
        delete target.headings;
      }
    }
    return target;
  }
