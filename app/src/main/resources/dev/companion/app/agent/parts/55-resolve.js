  // ---------------------------------------------------------------------------------------------
  // Resolving a target on the follower: candidates of the same kind in the document and its open
  // shadow roots, scored against the evidence; one only when it is clearly best (docs/protocol.md,
  // "Targets"). Otherwise a reason and words for the leader ("2 buttons 'Add to cart' match
  // equally", "no button 'Add to cart' near 'Green Tea'"). Never a guess.
  // ---------------------------------------------------------------------------------------------
  /** The best candidate needs at least this share of what the evidence could give... */
  const MIN_SCORE = 0.55;
  /** ...and this much more than the next one. */
  const MARGIN = 0.12;
  /**
   * "Near the same things": when the evidence says where the element sits, its card's text or its
   * nearest heading at least this similar. (A greeting that names the user makes a one-of-a-kind
   * button refused rather than risk "Add to cart" under another product's heading.)
   */
  const NEAR_MIN = 0.5;
  /** Attributes that identify an element when exactly one candidate has the evidence's value. */
  const IDENTIFYING = ['id', 'data-testid', 'data-test', 'data-qa', 'data-cy', 'href', 'name', 'value', 'src', 'action'];
  const ATTR_WEIGHT = { id: 3, 'data-testid': 3, 'data-test': 3, 'data-qa': 3, 'data-cy': 3, href: 3, value: 2,
    name: 1.5, src: 2, action: 1.5, type: 0.5, placeholder: 1, title: 1, alt: 1 };
  /** Tags that carry a role without saying so. */
  const ROLE_TAGS = { button: 'button,summary,input[type=button],input[type=submit],input[type=reset],input[type=image]',
    link: 'a[href],area[href]', checkbox: 'input[type=checkbox]', radio: 'input[type=radio]',
    textbox: 'textarea,input:not([type]),input[type=text],input[type=email],input[type=tel],input[type=url],[contenteditable]',
    searchbox: 'input[type=search]', combobox: 'select', slider: 'input[type=range]', spinbutton: 'input[type=number]',
    form: 'form', option: 'option', listitem: 'li', row: 'tr', img: 'img', video: 'video', audio: 'audio' };

  /** The document and every open shadow root in it (nested), document first. */
  function allRoots() {
    const roots = [document];
    for (let i = 0; i < roots.length && roots.length < 500; i++) {
      for (const el of queryAllIn(roots[i], '*')) {
        const shadow = shadowRootOf.call(el);
        if (shadow) {
          roots.push(shadow);
        }
      }
    }
    return roots;
  }

  /** The CSS for elements of the evidence's kind: its tag, its role, the tags that imply the role. */
  function kindSelector(target) {
    const parts = [];
    if (typeof target.tag === 'string' && /^[a-z][a-z0-9._-]{0,63}$/.test(target.tag)) {
      parts.push(cssEscape(target.tag));
    }
    if (typeof target.role === 'string' && /^[a-z][a-z-]{0,31}$/.test(target.role)) {
      parts.push('[role="' + target.role + '"]');
      if (ROLE_TAGS[target.role]) {
        parts.push(ROLE_TAGS[target.role]);
      }
    }
    return parts.length > 0 ? parts.join(',') : '*';
  }

  /** Elements of the target's kind in document order per root; the kind's own role must agree. */
  function candidatesOf(target, roots) {
    const selector = kindSelector(target);
    const out = [];
    for (const root of roots || allRoots()) {
      for (const el of queryAllIn(root, selector)) {
        const role = roleOf(el);
        if (!target.role || !role || role === target.role || tagOf(el) === target.tag) {
          out.push(el);
        }
      }
    }
    return out;
  }

  /** An attribute value that may be a position or a record number does not identify. */
  function identifies(key, value) {
    return IDENTIFYING.indexOf(key) >= 0 && !(key === 'id' || key.startsWith('data-') ? /\d/.test(value) : false);
  }

  function isVisible(el) {
    return typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true });
  }

  /**
   * What the follower knows of one candidate, computed only for those that could be meant (same
   * name, or a shared identifying attribute).
   */
  function factsOf(el, nameOf) {
    const own = deepText(el, 400);
    const name = nameOf(el);
    return { el, name, text: own, attrs: stableAttrs(el), contexts: contextLevels(el, own || name), headings: headingsOf(el),
      column: columnHeaderOf(el), form: formEvidenceOf(el), landmark: landmarkOf(el), hosts: hostsOf(el), lang: langOf(el) };
  }

  /** Candidates in the order of the page whose name is the target's (the look-alikes). */
  function lookAlikes(target, roots) {
    return candidatesOf(target, roots).filter((el) => folded(accessibleName(el)) === folded(target.name || ''));
  }

  /**
   * The share (0..1) of what target's evidence could give that candidate c (facts) has; and near
   * (0..1, null when the evidence does not say where it sits): how alike its card's text (without
   * the words every candidate's card of that level has: common, one set per level) or its nearest
   * heading is.
   */
  function score(target, c, lookalikesThere, common) {
    let got = 0;
    let max = 0;
    const add = (w, m) => {
      max += w;
      got += w * m;
    };
    if (target.name) {
      add(4, nameSim(target.name, c.name));
    }
    if (target.text) {
      add(1, textSim(target.text, c.text));
    }
    const attrs = target.attrs && typeof target.attrs === 'object' ? target.attrs : {};
    for (const key of Object.keys(attrs)) {
      add(ATTR_WEIGHT[key] || 0.5, attrMatch(key, String(attrs[key]), c.attrs[key]));
    }
    let near = null;
    if (target.context) {
      // the leader's context may be of an outer item (the row, not the cell): the best of c's levels,
      // each without the words every candidate's item of that level has (common)
      const sim = Math.max(0, ...c.contexts.map((t) => textSim(target.context, t.text, common.get(t.key))));
      add(lookalikesThere ? 4 : 2, sim);
      near = sim;
    }
    if (Array.isArray(target.headings) && target.headings.length > 0) {
      // the leader leaves out a column header every look-alike shares: then so does the comparison
      const have = c.column && folded(c.headings[0] || '') === folded(c.column)
        && folded(target.headings[0]) !== folded(c.column) ? c.headings.slice(1) : c.headings;
      add(lookalikesThere ? 2 : 1.5, headingSim(target.headings, have));
      near = Math.max(near === null ? 0 : near, textSim(target.headings[0], have[0] || ''));
    }
    if (target.form) {
      add(1, folded(target.form) === folded(c.form) ? 1 : 0);
    }
    if (target.landmark) {
      const same = folded(target.landmark) === folded(c.landmark);
      add(0.5, same ? 1 : 0);
      if (!same && inPanel(target)) {
        near = 0; // another tab's panel: the same card there is another thing (a gift set, not a tea set)
      }
    }
    if (Array.isArray(target.hosts) && target.hosts.length > 0) {
      add(1, textSim(target.hosts.join(' '), c.hosts.join(' ')));
    }
    if (Number.isInteger(target.index) && lookalikesThere) {
      add(0.25, c.index === target.index ? 1 : 0);
    }
    return { score: max > 0 ? got / max : 0, near };
  }

  /** The evidence says its element is in a tab panel (a landmark "tabpanel 'Teas'"). */
  function inPanel(target) {
    return typeof target.landmark === 'string' && /^tabpanel\b/.test(target.landmark);
  }

  /** A text cut to about 40 characters at a word, for people. */
  function shortly(text) {
    const t = norm(text);
    if (t.length <= 40) {
      return t;
    }
    const cut = substring.call(t, 0, 40);
    const space = cut.lastIndexOf(' ');
    return (space > 20 ? substring.call(cut, 0, space) : cut) + '…';
  }

  /** "button 'Add to cart'", for people. */
  function describeFor(target) {
    const kind = target.role || target.tag || 'element';
    const name = target.name || target.text || '';
    return kind + (name ? " '" + clip(name, 60) + "'" : '');
  }

  function plural(kind) {
    return /(s|x|ch|sh)$/.test(kind) ? kind + 'es' : kind + 's';
  }

  /**
   * The element target's evidence names on this page: {el, box} when one is clearly best; else
   * {error, detail, final}: final (an ambiguity) is answered at once, the rest may still appear.
   */
  /**
   * The candidates an identifying attribute (IDENTIFYING, see identifies) names alone: the only one
   * with the evidence's value, and whose name is the evidence's, or in another language.
   */
  function identifiedBy(target, facts, keys) {
    const attrs = target.attrs;
    const out = new Set();
    for (const key of keys) {
      if (!identifies(key, String(attrs[key]))) {
        continue;
      }
      const having = facts.filter((f) => attrMatch(key, String(attrs[key]), f.attrs[key]) === 1);
      if (having.length === 1) {
        const f = having[0];
        if (!target.name || nameSim(target.name, f.name) >= 0.5 || translated(target, f)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /**
   * The element target's evidence names on this page: {el, box} when one is clearly best; else
   * {error, detail, final}: final (an ambiguity) is answered at once, the rest may still appear.
   */
  function resolveTarget(target) {
    return withHeadingCache(() => resolveIn(target));
  }

  function resolveIn(target) {
    const roots = allRoots();
    const all = candidatesOf(target, roots);
    const attrs = target.attrs && typeof target.attrs === 'object' ? target.attrs : {};
    const keys = Object.keys(attrs).filter((k) => IDENTIFYING.indexOf(k) >= 0);
    const names = new Map();
    const nameOf = (el) => {
      let n = names.get(el);
      if (n === undefined) {
        n = accessibleName(el);
        names.set(el, n);
      }
      return n;
    };
    let pool = all.filter((el) => {
      if (!target.name || nameSim(target.name, nameOf(el)) >= 0.5) {
        return true;
      }
      const have = stableAttrs(el);
      return keys.some((k) => attrMatch(k, String(attrs[k]), have[k]) >= 0.8);
    });
    const visible = pool.filter(isVisible);
    if (visible.length > 0) {
      pool = visible;
    }
    const what = describeFor(target);
    const where = Array.isArray(target.headings) && target.headings.length > 0 ? target.headings[0] : target.context;
    const near = (where ? " near '" + shortly(where) + "'" : '') + (inPanel(target) ? ' in ' + clip(target.landmark, 60) : '');
    const notFound = { error: 'target-not-found', detail: 'no ' + what + near };
    const ambiguous = (n) => ({ error: 'ambiguous-target', final: true, detail: n + ' ' + plural(target.role || target.tag
      || 'element') + (target.name ? " '" + clip(target.name, 60) + "'" : '') + near + ' match equally' });
    if (pool.length === 0) {
      return notFound;
    }
    const lookalikesThere = Number.isInteger(target.count) && target.count > 1;
    const named = pool.filter((el) => folded(nameOf(el)) === folded(target.name || ''));
    const facts = pool.map((el) => factsOf(el, nameOf));
    for (const f of facts) {
      f.index = named.indexOf(f.el) + 1;
    }
    // per level: the words every candidate's innermost item has ("In stock"), every one's next item
    // has..., every one's list has (a list's text holds every item's words: joined with the items'
    // texts, they would leave none to tell the items apart)
    const common = new Map();
    for (const key of new Set(facts.flatMap((f) => f.contexts.map((c) => c.key)))) {
      common.set(key, commonWords(facts.map((f) => (f.contexts.find((c) => c.key === key) || { text: '' }).text)));
    }
    const scored = facts.map((f) => Object.assign(f, score(target, f, lookalikesThere, common)))
      .sort((a, b) => b.score - a.score);
    // an identifying attribute only one candidate has, unless another is clearly better by the rest
    const identified = Array.from(identifiedBy(Object.assign({}, target, { attrs }), facts, keys));
    if (identified.length > 1) {
      return ambiguous(identified.length);
    }
    if (identified.length === 1) {
      const one = identified[0];
      const rival = scored.find((f) => f !== one);
      if (rival && rival.score - one.score >= MARGIN) {
        return { error: 'ambiguous-target', final: true, detail: 'one ' + what + ' matches by its attributes, another'
          + ' by its words' };
      }
      return { el: one.el, score: one.score };
    }
    const best = scored[0];
    const second = scored.length > 1 ? scored[1] : null;
    if (best.score < MIN_SCORE || (best.near !== null && best.near < NEAR_MIN)) {
      return notFound;
    }
    if (second && best.score - second.score < MARGIN) {
      return ambiguous(scored.filter((f) => best.score - f.score < MARGIN).length);
    }
    return { el: best.el, score: best.score };
  }
