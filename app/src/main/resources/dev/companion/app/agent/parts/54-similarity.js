  // ---------------------------------------------------------------------------------------------
  // How alike two things are, 0..1: texts by their words, names, headings, attributes; and whether
  // two texts are in different languages (a translated page says the same in other words).
  // ---------------------------------------------------------------------------------------------
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

  /** Numbers (quantities, prices, dates) differ between people more than words do: they weigh less. */
  const NUMBER_WEIGHT = 0.3;

  function weightOf(token) {
    return /^[\d.,:/-]+$/.test(token) ? NUMBER_WEIGHT : 1;
  }

  /**
   * The share of words two texts have in common (of all their words; numbers weigh less), leaving
   * out the words in ignore (those every candidate has say nothing about which one is meant).
   */
  function wordShare(x, y, ignore) {
    const ta = tokens(x);
    const tb = tokens(y);
    if (ignore) {
      for (const t of ignore) {
        ta.delete(t);
        tb.delete(t);
      }
    }
    if (ta.size === 0 || tb.size === 0) {
      return 0;
    }
    let shared = 0;
    let all = 0;
    for (const t of ta) {
      all += weightOf(t);
      if (tb.has(t)) {
        shared += weightOf(t);
      }
    }
    for (const t of tb) {
      if (!ta.has(t)) {
        all += weightOf(t);
      }
    }
    return all > 0 ? shared / all : 0;
  }

  /** How alike two texts are, 0..1: equal 1, else the share of shared words (but those in ignore). */
  function textSim(a, b, ignore) {
    return compareTexts(a, b, (x, y) => wordShare(x, y, ignore));
  }

  /** The words every one of texts has (none when there are fewer than two). */
  function commonWords(texts) {
    if (texts.length < 2) {
      return new Set();
    }
    const common = tokens(texts[0]);
    for (let i = 1; i < texts.length; i++) {
      const t = tokens(texts[i]);
      for (const w of Array.from(common)) {
        if (!t.has(w)) {
          common.delete(w);
        }
      }
    }
    return common;
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

  const SCRIPTS = [['latin', /[A-Za-z\u00c0-\u024f]/], ['cjk', /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/],
    ['hangul', /[\uac00-\ud7af]/], ['cyrillic', /[\u0400-\u04ff]/], ['greek', /[\u0370-\u03ff]/],
    ['arabic', /[\u0600-\u06ff]/], ['hebrew', /[\u0590-\u05ff]/], ['thai', /[\u0e00-\u0e7f]/],
    ['devanagari', /[\u0900-\u097f]/]];

  /** The writing system most of a text's letters are in, or null. */
  function scriptOf(text) {
    const counts = new Map();
    for (const ch of String(text || '')) {
      for (const [name, re] of SCRIPTS) {
        if (re.test(ch)) {
          counts.set(name, (counts.get(name) || 0) + 1);
          break;
        }
      }
    }
    let best = null;
    for (const [name, n] of counts) {
      if (best === null || n > counts.get(best)) {
        best = name;
      }
    }
    return best;
  }

  /** The candidate's words are another language's than the evidence's (its lang, or its writing system). */
  function translated(target, f) {
    const primary = (l) => String(l || '').toLowerCase().split('-')[0];
    if (target.lang && f.lang && primary(target.lang) !== primary(f.lang)) {
      return true;
    }
    const a = scriptOf(target.name);
    const b = scriptOf(f.name);
    return a !== null && b !== null && a !== b;
  }
