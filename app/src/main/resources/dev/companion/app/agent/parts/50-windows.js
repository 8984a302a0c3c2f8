  // ---------------------------------------------------------------------------------------------
  // New windows. Off-screen Chromium cannot open any (JCEF cancels them), so links and forms meant
  // for a new window, and window.open() after a user gesture, open in this view's top page instead.
  // Listeners run in the bubble phase on window, after the page's own handlers had their say.
  // ---------------------------------------------------------------------------------------------
  function opensNewWindow(target) {
    const t = String(target || '').toLowerCase();
    if (t === '' || t === '_self' || t === '_parent' || t === '_top') {
      return false;
    }
    if (t === '_blank') {
      return true;
    }
    try {
      return !docQuerySelector.call(document, 'iframe[name="' + cssEscape(target) + '"]');
    } catch (e) {
      return false;
    }
  }

  function openInTop(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch (e) {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return false;
    }
    window.top.location.assign(url.href);
    return true;
  }

  window.addEventListener('click', guarded((e) => {
    if (e.defaultPrevented || e.button !== 0 || !isElement(e.target)) {
      return;
    }
    const link = closest.call(e.target, 'a[href],area[href]');
    if (link && opensNewWindow(attr(link, 'target')) && openInTop(link.href)) {
      e.preventDefault();
    }
  }), false);

  window.addEventListener('submit', guarded((e) => {
    const form = e.target;
    if (e.defaultPrevented || !isElement(form) || tagOf(form) !== 'form') {
      return;
    }
    const submitter = e.submitter;
    const targetOf = isElement(submitter) && hasAttribute.call(submitter, 'formtarget') ? submitter : form;
    const target = attr(targetOf, targetOf === form ? 'target' : 'formtarget');
    if (opensNewWindow(target)) {
      // The submission reads the target after this event: send it to the top page for this once.
      const name = targetOf === form ? 'target' : 'formtarget';
      targetOf.setAttribute(name, '_top');
      later(() => targetOf.setAttribute(name, target), 0);
    }
  }), false);

  const originalOpen = window.open;
  window.open = function (url) {
    const active = navigator.userActivation ? navigator.userActivation.isActive : true;
    if (url && active && openInTop(String(url))) {
      return null;
    }
    return originalOpen.apply(this, arguments);
  };
