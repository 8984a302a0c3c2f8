  // ---------------------------------------------------------------------------------------------
  // Evidence, continued: where an element sits (its card or row, the headings above it, its form,
  // landmark, shadow hosts and frame), and the whole description of one element (a Target).
  // ---------------------------------------------------------------------------------------------
  /** A card, row or list item: an item tag or role, or one of several siblings that look alike. */
  function isItem(el) {
    if (ITEM_TAGS.has(tagOf(el)) || ITEM_ROLES.has(roleOf(el) || '')) {
      return true;
    }
    const parent = parentNodeOf.call(el);
    if (!parent || !parent.children) {
      return false;
    }
    const sig = tagOf(el) + '.' + (attr(el, 'class') || '');
    let alike = 0;
    for (const sibling of parent.children) {
      if (tagOf(sibling) + '.' + (attr(sibling, 'class') || '') === sig && ++alike >= 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text of the card, row or list item el sits in, without el's own text (ownText); "" when it
   * sits in none within 8 levels, or the item says nothing more than el.
   */
  function contextOf(el, ownText) {
    let node = composedParent(el);
    for (let depth = 0; isElement(node) && depth < 8; depth++, node = composedParent(node)) {
      if (node === document.body || node === document.documentElement || LANDMARKS[tagOf(node)]) {
        return '';
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
        return clip(text, EVIDENCE_TEXT);
      }
    }
    return '';
  }

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

  /** The nearest headings above el in document order, nearest first, each one level up. */
  function headingsOf(el) {
    const out = [];
    let below = 99;
    let from = el;
    let walked = 0;
    while (isElement(from) && out.length < 3 && walked < HEADING_WALK) {
      const root = rootOf(from);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      walker.currentNode = from;
      while (out.length < 3 && walked++ < HEADING_WALK && walker.previousNode()) {
        const node = walker.currentNode;
        const level = headingLevel(node);
        if (level > 0 && level < below && !composedClosest(node, '[data-companion-private]')) {
          const text = clip(deepText(node, 300), EVIDENCE_TEXT);
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
      if (role && /^(navigation|main|banner|contentinfo|complementary|region|search|dialog|form)$/.test(role)) {
        const label = norm(attr(node, 'aria-label') || (attr(node, 'aria-labelledby')
          ? textOfIds(attr(node, 'aria-labelledby')) : ''));
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
    const context = contextOf(el, own || name);
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
    const frameName = frameNameOf();
    if (frameName) {
      target.frameName = frameName;
    }
    const alike = lookAlikes(target);
    const index = alike.indexOf(el);
    if (index >= 0 && alike.length <= 100000) {
      target.index = index + 1;
      target.count = alike.length;
    }
    return target;
  }
