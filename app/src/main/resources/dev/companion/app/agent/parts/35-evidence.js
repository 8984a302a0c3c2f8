  // ---------------------------------------------------------------------------------------------
  // Evidence: what identifies an element to a person and to the page (dev.companion.p2p.protocol.Target).
  // The same functions describe the leader's element (describeTarget) and the follower's candidates
  // (55-resolve.js), so both sides are measured the same way.
  // ---------------------------------------------------------------------------------------------
  /** Longest text taken into the evidence (the wire allows 256). */
  const EVIDENCE_TEXT = 160;
  /** How much text is read from an element or its card (more is not needed to tell them apart). */
  const TEXT_BUDGET = 1200;
  const TEST_ID_ATTRS = ['data-testid', 'data-test', 'data-qa', 'data-cy'];
  const SKIP_TEXT = new Set(['script', 'style', 'template', 'noscript', 'textarea']);
  /**
   * Elements that run on in their line: their text joins their neighbours' as a person reads it
   * ("<b>Oo</b><i>long</i>" is "Oolong"); any other element's text stands apart.
   */
  const INLINE_TEXT = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i',
    'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var']);
  const LANDMARKS = { nav: 'navigation', main: 'main', header: 'banner', footer: 'contentinfo', aside: 'complementary',
    search: 'search', dialog: 'dialog' };
  const ITEM_TAGS = new Set(['li', 'tr', 'article', 'dd', 'option']);
  const ITEM_ROLES = new Set(['listitem', 'row', 'article', 'option', 'treeitem']);

  function norm(s) {
    return String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  }

  function clip(s, max) {
    const t = norm(s);
    return t.length <= max ? t : substring.call(t, 0, max);
  }

  /** The element's parent, crossing out of a shadow root to its host. */
  function composedParent(node) {
    const parent = parentNodeOf.call(node);
    if (parent instanceof ShadowRoot) {
      return parent.host;
    }
    return isElement(parent) ? parent : null;
  }

  /** The nearest of el and its ancestors (through shadow hosts) matching selector, or null. */
  function composedClosest(el, selector) {
    for (let node = el; isElement(node); node = composedParent(node)) {
      try {
        if (matches.call(node, selector)) {
          return node;
        }
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  /** Text a person reads in node, with open shadow roots, without scripts, styles or private parts. */
  function deepText(node, budget) {
    if (node.isContentEditable) {
      return ''; // typed text is never evidence
    }
    const out = [];
    let left = budget || TEXT_BUDGET;
    const walk = (n) => {
      for (let c = n.firstChild; c && left > 0; c = c.nextSibling) {
        if (c.nodeType === 3) {
          const t = c.data;
          out.push(t);
          left -= t.length;
        } else if (c.nodeType === 1) {
          const tag = tagOf(c);
          // typed text (a field's, a contenteditable's) is never evidence: it may be private
          if (SKIP_TEXT.has(tag) || hasAttribute.call(c, 'data-companion-private') || c.isContentEditable) {
            continue;
          }
          const apart = !INLINE_TEXT.has(tag);
          if (apart) {
            out.push(' ');
          }
          const shadow = shadowRootOf.call(c);
          if (shadow) {
            walk(shadow);
          }
          walk(c);
          if (apart) {
            out.push(' ');
          }
        }
      }
    };
    walk(node);
    return norm(out.join(''));
  }

  function editingHost(el) {
    if (!isElement(el) || !el.isContentEditable) {
      return null;
    }
    let host = el;
    for (let p = composedParent(el); isElement(p) && p.isContentEditable; p = composedParent(p)) {
      host = p;
    }
    return host;
  }

  const IMPLICIT_ROLES = { a: 'link', button: 'button', select: 'combobox', textarea: 'textbox', form: 'form',
    img: 'img', li: 'listitem', tr: 'row', option: 'option', article: 'article', summary: 'button',
    h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading', nav: 'navigation',
    main: 'main', dialog: 'dialog', video: 'video', audio: 'audio', ul: 'list', ol: 'list' };
  const INPUT_ROLES = { checkbox: 'checkbox', radio: 'radio', button: 'button', submit: 'button', reset: 'button',
    image: 'button', range: 'slider', number: 'spinbutton', search: 'searchbox' };

  /** The element's ARIA role: its role attribute, else the one its tag implies. */
  function roleOf(el) {
    const explicit = attr(el, 'role');
    if (explicit) {
      return norm(explicit).split(' ')[0].toLowerCase();
    }
    const tag = tagOf(el);
    if (tag === 'input') {
      return INPUT_ROLES[inputType(el)] || 'textbox';
    }
    if (tag === 'a' && !hasAttribute.call(el, 'href')) {
      return null;
    }
    if (editingHost(el) === el) {
      return 'textbox';
    }
    return IMPLICIT_ROLES[tag] || null;
  }

  function textOfIds(ids) {
    const parts = [];
    for (const id of norm(ids).split(' ').slice(0, 4)) {
      const ref = id ? document.getElementById(id) : null;
      if (ref) {
        parts.push(deepText(ref, 300));
      }
    }
    return norm(parts.join(' '));
  }

  /** The accessible name, simplified: aria-labelledby, aria-label, labels, alt, value of buttons, text, title, placeholder. */
  function accessibleName(el) {
    const labelledBy = attr(el, 'aria-labelledby');
    if (labelledBy) {
      const t = textOfIds(labelledBy);
      if (t) {
        return t;
      }
    }
    const label = attr(el, 'aria-label');
    if (label && norm(label)) {
      return norm(label);
    }
    const tag = tagOf(el);
    if (tag === 'input' || tag === 'select' || tag === 'textarea') {
      const type = inputType(el);
      if (tag === 'input' && (type === 'submit' || type === 'button' || type === 'reset')) {
        return norm(el.value);
      }
      const labels = el.labels ? Array.prototype.map.call(el.labels, (l) => deepText(l, 300)).join(' ') : '';
      if (norm(labels)) {
        return norm(labels);
      }
      return norm(attr(el, 'title') || attr(el, 'placeholder') || attr(el, 'alt') || '');
    }
    if (tag === 'img') {
      return norm(attr(el, 'alt') || attr(el, 'title') || '');
    }
    const text = deepText(el, 400);
    if (text) {
      return text;
    }
    const img = elQuerySelector.call(el, 'img[alt]');
    return norm((img && attr(img, 'alt')) || attr(el, 'title') || '');
  }

  /** Ids that a framework or a database made (digits, hex, known prefixes) say nothing stable. */
  function looksGenerated(value) {
    return /\d/.test(value) || /^(:|ember|react|mui-|radix-|headlessui-|__|ng-|v-|svelte-)/i.test(value)
      || value.length > 64;
  }

  /** Path (and query) of a URL attribute, or host + path for another origin. */
  function urlAttr(value) {
    try {
      const url = new URL(value, location.href);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return null;
      }
      return (url.origin === location.origin ? '' : url.host) + url.pathname + url.search;
    } catch (e) {
      return null;
    }
  }

  /** The element's stable attributes (see Target.attrs). */
  function stableAttrs(el) {
    const out = {};
    const put = (key, value) => {
      if (value !== null && value !== undefined && norm(value) !== '') {
        out[key] = clip(value, 400);
      }
    };
    const id = attr(el, 'id');
    if (id && !looksGenerated(id)) {
      put('id', id);
    }
    const tag = tagOf(el);
    put('name', attr(el, 'name'));
    for (const a of TEST_ID_ATTRS) {
      put(a, attr(el, a));
    }
    if ((tag === 'a' || tag === 'area') && hasAttribute.call(el, 'href')) {
      put('href', urlAttr(attr(el, 'href')));
    }
    if (tag === 'input' || tag === 'button') {
      put('type', inputType(el));
    }
    if ((isToggle(el) || tag === 'button' || tag === 'option') && hasAttribute.call(el, 'value')) {
      put('value', attr(el, 'value'));
    }
    if (tag === 'form' && hasAttribute.call(el, 'action')) {
      put('action', urlAttr(attr(el, 'action')));
    }
    if ((tag === 'img' || tag === 'video' || tag === 'audio' || tag === 'iframe' || tag === 'source')
        && hasAttribute.call(el, 'src')) {
      put('src', urlAttr(attr(el, 'src')));
    }
    put('placeholder', attr(el, 'placeholder'));
    put('title', attr(el, 'title'));
    put('alt', attr(el, 'alt'));
    return out;
  }
