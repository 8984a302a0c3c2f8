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
   * "Near the same things": the card's text or the headings at least this similar (or an
   * identifying attribute only it has) when the element sits in a card or row, or had look-alikes...
   */
  const NEAR_MIN = 0.5;
  /** ...and this for headings alone around a one-of-a-kind element (a greeting may name the user). */
  const NEAR_MIN_ALONE = 0.3;
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

  function folded(s) {
    return norm(s).toLowerCase();
  }

  /** Words (and single CJK characters) of a text, lower case. */
  function tokens(s) {
    const out = new Set();
    const text = folded(s);
    const re = /[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu;
    let m;
    while ((m = re.exec(text)) !== null) {
      const w = m[0];
      if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(w)) {
        for (const ch of w) {
          out.add(ch);
        }
      } else {
        out.add(w);
      }
    }
    return out;
  }

  /** 0 when either text is empty, 1 when they are the same (case and spaces aside), else otherwise(x, y). */
  function compareTexts(a, b, otherwise) {
    const x = folded(a);
    const y = folded(b);
    if (!x || !y) {
      return 0;
    }
    return x === y ? 1 : otherwise(x, y);
  }

  /** The share of words two texts have in common (of all their words). */
  function wordShare(x, y) {
    const ta = tokens(x);
    const tb = tokens(y);
    if (ta.size === 0 || tb.size === 0) {
      return 0;
    }
    let shared = 0;
    for (const t of ta) {
      if (tb.has(t)) {
        shared++;
      }
    }
    return shared / (ta.size + tb.size - shared);
  }

  /** How alike two texts are, 0..1: equal 1, else the share of shared words. */
  function textSim(a, b) {
    return compareTexts(a, b, wordShare);
  }

  /** A name matches when equal (1), contained in the other (0.7), or mostly the same words. */
  function nameSim(a, b) {
    return compareTexts(a, b, (x, y) => {
      if (x.length >= 3 && y.length >= 3 && (x.includes(y) || y.includes(x))) {
        return 0.7;
      }
      const share = wordShare(x, y);
      return share >= 0.5 ? share * 0.8 : 0;
    });
  }

  /** The nearest heading counts most (0.7); the share of the others found counts the rest. */
  function headingSim(want, have) {
    if (!Array.isArray(want) || want.length === 0) {
      return 0;
    }
    const nearest = textSim(want[0], have[0] || '');
    if (want.length === 1) {
      return nearest;
    }
    let found = 0;
    for (let i = 1; i < want.length; i++) {
      if (have.some((h) => folded(h) === folded(want[i]))) {
        found++;
      }
    }
    return 0.7 * nearest + 0.3 * found / (want.length - 1);
  }

  function attrMatch(key, want, have) {
    if (have === undefined) {
      return 0;
    }
    if (key === 'href' || key === 'src' || key === 'action') {
      if (have === want) {
        return 1;
      }
      const path = (u) => String(u).split('?')[0];
      return path(have) === path(want) ? 0.8 : 0;
    }
    return have === want ? 1 : 0;
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
  function factsOf(el) {
    const own = deepText(el, 400);
    const name = accessibleName(el);
    return { el, name, text: own, attrs: stableAttrs(el), context: contextOf(el, own || name), headings: headingsOf(el),
      form: formEvidenceOf(el), landmark: landmarkOf(el), hosts: hostsOf(el) };
  }

  /** Candidates in the order of the page whose name is the target's (the look-alikes). */
  function lookAlikes(target, roots) {
    return candidatesOf(target, roots).filter((el) => folded(accessibleName(el)) === folded(target.name || ''));
  }

  /** The share (0..1) of what target's evidence could give that candidate c (facts) has; near: 0..1. */
  function score(target, c, lookalikesThere) {
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
      const sim = textSim(target.context, c.context);
      add(lookalikesThere ? 4 : 2, sim);
      near = sim;
    }
    if (Array.isArray(target.headings) && target.headings.length > 0) {
      const sim = headingSim(target.headings, c.headings);
      add(lookalikesThere ? 2 : 1.5, sim);
      near = Math.max(near === null ? 0 : near, sim);
    }
    if (target.form) {
      add(1, folded(target.form) === folded(c.form) ? 1 : 0);
    }
    if (target.landmark) {
      add(0.5, folded(target.landmark) === folded(c.landmark) ? 1 : 0);
    }
    if (Array.isArray(target.hosts) && target.hosts.length > 0) {
      add(1, textSim(target.hosts.join(' '), c.hosts.join(' ')));
    }
    if (Number.isInteger(target.index) && lookalikesThere) {
      add(0.25, c.index === target.index ? 1 : 0);
    }
    return { score: max > 0 ? got / max : 0, near };
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
  function resolveTarget(target) {
    const roots = allRoots();
    const all = candidatesOf(target, roots);
    const attrs = target.attrs && typeof target.attrs === 'object' ? target.attrs : {};
    const keys = Object.keys(attrs).filter((k) => IDENTIFYING.indexOf(k) >= 0);
    let pool = all.filter((el) => {
      if (!target.name || nameSim(target.name, accessibleName(el)) >= 0.5) {
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
    const near = target.context ? " near '" + clip(target.context, 40) + "'"
      : Array.isArray(target.headings) && target.headings.length > 0 ? " under '" + clip(target.headings[0], 40) + "'" : '';
    if (pool.length === 0) {
      return { error: 'target-not-found', detail: 'no ' + what + near };
    }
    const lookalikesThere = Number.isInteger(target.count) && target.count > 1;
    const named = pool.filter((el) => folded(accessibleName(el)) === folded(target.name || ''));
    const facts = pool.map(factsOf);
    for (const f of facts) {
      f.index = named.indexOf(f.el) + 1;
    }
    // identifying attributes that exactly one candidate shares with the evidence
    const unique = new Set();
    for (const key of keys) {
      if (!identifies(key, String(attrs[key]))) {
        continue;
      }
      const having = facts.filter((f) => attrMatch(key, String(attrs[key]), f.attrs[key]) === 1);
      if (having.length === 1) {
        unique.add(having[0]);
      }
    }
    const scored = facts.map((f) => Object.assign(f, score(target, f, lookalikesThere)))
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    const second = scored.length > 1 ? scored[1] : null;
    const mustBeNear = best.near !== null && !unique.has(best);
    const nearMin = target.context || lookalikesThere ? NEAR_MIN : NEAR_MIN_ALONE;
    if (best.score < MIN_SCORE || (mustBeNear && best.near < nearMin)) {
      return { error: 'target-not-found', detail: 'no ' + what + near };
    }
    if (second && best.score - second.score < MARGIN && !(unique.has(best) && !unique.has(second))) {
      const equal = scored.filter((f) => best.score - f.score < MARGIN).length;
      return { error: 'ambiguous-target', final: true,
        detail: equal + ' ' + plural(target.role || target.tag || 'element') + (target.name ? " '" + clip(target.name, 60) + "'" : '')
          + near + ' match equally' };
    }
    return { el: best.el, score: best.score };
  }
