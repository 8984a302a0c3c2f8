/*
 * The corpus pages' helper (tools/fidelity): who is looking (fidelity.user), and reports of what a
 * press meant (fidelity.set(key, value)), which the fidelity test compares between the leader and the
 * follower. It also reports, by itself, every field's value ("field:" + its name, id or label; a
 * select by its option's label, a checkbox as true/false, a radio group by the chosen value) and the
 * page's path ("page" in the top frame, "frame:" + window.name in a frame), on load and on every
 * client-side route change. Reports are synchronous: done when the handler that made them returns.
 */
(function () {
  'use strict';
  if (window.fidelity) {
    return;
  }
  const params = new URLSearchParams(location.search);
  const cookie = (document.cookie.match(/(?:^|; )fid-user=([^;]*)/) || [])[1];
  const user = params.get('fid-as') || (cookie ? decodeURIComponent(cookie) : 'anonymous');

  function set(key, value) {
    const x = new XMLHttpRequest();
    x.open('POST', '/fidelity/set', false);
    x.setRequestHeader('Content-Type', 'application/json');
    x.send(JSON.stringify({ user, key: String(key), value: String(value) }));
  }

  const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  /** url on the other host (another origin), still as this user. */
  function elsewhere(path) {
    return location.protocol + '//' + other + ':' + location.port + path + (path.includes('?') ? '&' : '?')
      + 'fid-as=' + encodeURIComponent(user);
  }

  window.fidelity = Object.freeze({ user, set, elsewhere });

  const pageKey = window === window.top ? 'page' : 'frame:' + (window.name || 'frame');
  let lastPath = null;
  // a path segment of 16+ hex digits is a per-user token: one page for every user (a page shown
  // at someone else's token says so itself)
  function reportPage() {
    const path = location.pathname.replace(/\/[0-9a-f]{16,}(?=\/|$)/g, '/*');
    if (path !== lastPath) {
      lastPath = path;
      set(pageKey, path);
    }
  }
  reportPage();
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method];
    history[method] = function () {
      const r = original.apply(this, arguments);
      reportPage();
      return r;
    };
  }
  window.addEventListener('popstate', reportPage);

  function keyOf(el) {
    return el.getAttribute('name') || el.id || el.getAttribute('aria-label') || null;
  }

  function report(e) {
    const el = e.composedPath ? e.composedPath()[0] : e.target;
    if (!el || el.nodeType !== 1) {
      return;
    }
    const tag = el.localName;
    const key = keyOf(el);
    if (!key) {
      return;
    }
    if (tag === 'select') {
      const o = el.options[el.selectedIndex];
      set('field:' + key, o ? o.textContent.trim() : '');
    } else if (tag === 'input' && el.type === 'checkbox') {
      set('field:' + key, el.checked);
    } else if (tag === 'input' && el.type === 'radio') {
      if (el.checked) {
        set('field:' + key, el.value);
      }
    } else if (tag === 'input' || tag === 'textarea') {
      if (e.type === 'input' || el.type === 'number') {
        set('field:' + key, el.value);
      }
    } else if (el.isContentEditable) {
      set('field:' + key, el.textContent);
    }
  }
  document.addEventListener('input', report, true);
  document.addEventListener('change', (e) => {
    const el = e.composedPath ? e.composedPath()[0] : e.target;
    if (el && (el.localName === 'select' || (el.localName === 'input' && (el.type === 'checkbox' || el.type === 'radio')))) {
      report(e);
    }
  }, true);
})();
