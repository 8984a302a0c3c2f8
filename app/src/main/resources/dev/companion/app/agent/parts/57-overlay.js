  // ---------------------------------------------------------------------------------------------
  // Overlays the agent shows over the page (an owner-only step's outline, a point, drawings): a host
  // element whose own style the page cannot override (every property !important) holding a closed
  // shadow root the page's scripts cannot reach; nothing in it takes pointer events.
  // ---------------------------------------------------------------------------------------------
  const setProperty = CSSStyleDeclaration.prototype.setProperty;
  const OVERLAY_HOST = [['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['left', '0'], ['top', '0'],
    ['width', '0'], ['height', '0'], ['z-index', '2147483647'], ['pointer-events', 'none'], ['visibility', 'visible'],
    ['opacity', '1']];

  /** A new overlay host named tag (not yet in the page), its style OVERLAY_HOST then styles; {host, root}. */
  function overlayHost(tag, styles) {
    const host = document.createElement(tag);
    const hostStyle = host.style;
    for (const [k, v] of OVERLAY_HOST.concat(styles || [])) {
      setProperty.call(hostStyle, k, v, 'important');
    }
    return { host, root: attachShadow.call(host, { mode: 'closed' }) };
  }

  /**
   * Outlines el with a box styled css, pad pixels around it, in an overlay host named tag, kept over
   * el while the page scrolls or resizes; returns the function that removes it.
   */
  function outline(tag, el, css, pad) {
    const { host, root } = overlayHost(tag);
    const box = document.createElement('div');
    box.style.cssText = css;
    root.appendChild(box);
    const place = () => {
      const r = boundingRect.call(el);
      box.style.left = (r.left - pad) + 'px';
      box.style.top = (r.top - pad) + 'px';
      box.style.width = (r.width + 2 * pad) + 'px';
      box.style.height = (r.height + 2 * pad) + 'px';
    };
    addListener.call(window, 'scroll', place, true);
    addListener.call(window, 'resize', place, true);
    place();
    document.documentElement.appendChild(host);
    return () => {
      removeListener.call(window, 'scroll', place, true);
      removeListener.call(window, 'resize', place, true);
      host.remove();
    };
  }
