  // ---------------------------------------------------------------------------------------------
  // Drawing (coaching, docs/protocol.md "Drawing", ADR 0017). Draw mode: while on, the person's
  // drags on the top page draw strokes; the page gets no pointer or click event (taken in the
  // capture phase on the window, as a pick's), so drawing never presses or selects anything and no
  // action is captured; Esc leaves it (the app is told: {t:'draw-off'}). Each stroke is anchored to
  // the element under its start (its evidence, as a point's target), its points kept as fractions
  // of that element's box (clamped to it), simplified (Ramer-Douglas-Peucker), thinned to
  // DRAW_MAX_POINTS and rounded to 1/1000: the app gets {t:'stroke', target, xy}. A drawing (the
  // drawer's own or a member's) is found with the follower's resolver (one candidate clearly best,
  // else nothing and why) and painted as an SVG path made of numbers, scaled to that element's box,
  // in a closed shadow root the page cannot read or restyle, following the element on scroll and
  // resize; it fades in its last third and is then removed. Top frame only.
  // ---------------------------------------------------------------------------------------------
  const DRAW_MAX_POINTS = 64;
  /** Simplification tolerance, as a fraction of the element box's larger side. */
  const DRAW_TOLERANCE = 0.005;
  /** The receiver's own colour for each palette name (Ink); anything else is never painted. */
  const INKS = { red: '#e03131', yellow: '#f59f00', green: '#2f9e44', blue: '#1c7ed6' };
  const DRAW_EVENTS = PICK_EVENTS.concat(['pointermove', 'mousemove', 'dragstart', 'selectstart']);
  const SVG = 'http://www.w3.org/2000/svg';
  const setAttr = Element.prototype.setAttribute;

  let drawing = null;
  let drawLayer = null;

  /** Turns draw mode on or off (the app's toggle). */
  function drawMode(on) {
    if (framePath() !== '') {
      return;
    }
    if (!on) {
      endDrawMode(false);
      return;
    }
    if (drawing) {
      return;
    }
    let stroke = null;
    const take = (e) => {
      if (!e.isTrusted) {
        return;
      }
      preventDefault.call(e);
      stopImmediately.call(e);
      if (e.type === 'pointerdown' && e.button === 0) {
        const el = eventTarget(e);
        stroke = isElement(el) ? { el: meantBy(el), at: [] } : null;
        if (stroke) {
          addPoint(stroke, e);
        }
      } else if (e.type === 'pointermove' && stroke) {
        addPoint(stroke, e);
        liveStroke(stroke);
      } else if ((e.type === 'pointerup' || e.type === 'pointercancel') && stroke) {
        addPoint(stroke, e);
        const done = stroke;
        stroke = null;
        liveStroke(null);
        strokeDone(done);
      }
    };
    const keys = (e) => {
      if (e.isTrusted && e.key === 'Escape') {
        preventDefault.call(e);
        stopImmediately.call(e);
        endDrawMode(true);
      }
    };
    for (const type of DRAW_EVENTS.concat(['pointercancel'])) {
      addListener.call(window, type, take, true);
    }
    addListener.call(window, 'keydown', keys, true);
    drawing = () => {
      for (const type of DRAW_EVENTS.concat(['pointercancel'])) {
        removeListener.call(window, type, take, true);
      }
      removeListener.call(window, 'keydown', keys, true);
      liveStroke(null);
    };
  }

  /** Leaves draw mode; tell: the person left it here (Esc), so the app's toggle follows. */
  function endDrawMode(tell) {
    if (drawing) {
      const end = drawing;
      drawing = null;
      end();
      if (tell) {
        send({ t: 'draw-off' });
      }
    }
  }

  /** Adds the event's position as fractions of the stroke's element's box now (clamped to it). */
  function addPoint(stroke, e) {
    const r = boundingRect.call(stroke.el);
    if (r.width < 1 || r.height < 1) {
      return;
    }
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    if (Number.isFinite(x) && Number.isFinite(y) && stroke.at.length < 4096) {
      stroke.at.push([x, y, r.width, r.height]);
    }
  }

  /** Distance of p from the segment a-b, in pixels of the box (w, h). */
  function segmentDistance(p, a, b, w, h) {
    const ax = a[0] * w;
    const ay = a[1] * h;
    const dx = b[0] * w - ax;
    const dy = b[1] * h - ay;
    const px = p[0] * w - ax;
    const py = p[1] * h - ay;
    const len = dx * dx + dy * dy;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len));
    return Math.hypot(px - t * dx, py - t * dy);
  }

  /** Ramer-Douglas-Peucker over points (fractions), tolerance in pixels of the box (w, h). */
  function simplify(points, tolerance, w, h) {
    if (points.length < 3) {
      return points.slice();
    }
    const keep = new Array(points.length).fill(false);
    keep[0] = true;
    keep[points.length - 1] = true;
    const stack = [[0, points.length - 1]];
    while (stack.length > 0) {
      const [first, last] = stack.pop();
      let worst = -1;
      let at = -1;
      for (let i = first + 1; i < last; i++) {
        const d = segmentDistance(points[i], points[first], points[last], w, h);
        if (d > worst) {
          worst = d;
          at = i;
        }
      }
      if (at > 0 && worst > tolerance) {
        keep[at] = true;
        stack.push([first, at], [at, last]);
      }
    }
    return points.filter((p, i) => keep[i]);
  }

  /** The stroke as the wire has it: simplified, at most DRAW_MAX_POINTS, x y x y... in 1/1000. */
  function encodeStroke(stroke) {
    const last = stroke.at[stroke.at.length - 1];
    const w = last[2];
    const h = last[3];
    let pts = simplify(stroke.at.map((p) => [p[0], p[1]]), DRAW_TOLERANCE * Math.max(w, h), w, h);
    while (pts.length > DRAW_MAX_POINTS) {
      pts = pts.filter((p, i) => i % 2 === 0 || i === pts.length - 1);
    }
    if (pts.length === 1) {
      pts.push(pts[0]); // a dot
    }
    const xy = [];
    for (const p of pts) {
      xy.push(Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000);
    }
    return xy;
  }

  function strokeDone(stroke) {
    if (stroke.at.length === 0) {
      return;
    }
    const target = evidenceOf(stroke.el);
    if (target) {
      send({ t: 'stroke', target, xy: encodeStroke(stroke) });
    }
  }

  /** The overlay every drawing of this page is painted in (made when first needed). */
  function layer() {
    if (drawLayer && drawLayer.host.isConnected) {
      return drawLayer;
    }
    const { host, root } = overlayHost('companion-draw', [['width', '100vw'], ['height', '100vh'], ['overflow', 'visible']]);
    const svg = document.createElementNS(SVG, 'svg');
    svg.style.cssText = 'all:initial;position:fixed;left:0;top:0;width:100vw;height:100vh;pointer-events:none;'
      + 'overflow:visible;display:block;';
    root.appendChild(svg);
    const strokes = new Set();
    const place = () => strokes.forEach((s) => s.place());
    addListener.call(window, 'scroll', place, true);
    addListener.call(window, 'resize', place, true);
    drawLayer = {
      host,
      svg,
      strokes,
      remove: () => {
        removeListener.call(window, 'scroll', place, true);
        removeListener.call(window, 'resize', place, true);
        host.remove();
      },
    };
    document.documentElement.appendChild(host);
    return drawLayer;
  }

  /** A path through xy (fractions) scaled to box r; numbers only. */
  function pathOf(xy, r) {
    let d = '';
    for (let i = 0; i + 1 < xy.length; i += 2) {
      d += (i === 0 ? 'M' : 'L') + (r.left + xy[i] * r.width).toFixed(1) + ' ' + (r.top + xy[i + 1] * r.height).toFixed(1);
    }
    return d;
  }

  /** Paints xy over el in ink for lifeMs, then removes it. */
  function paintStroke(el, xy, ink, lifeMs) {
    const l = layer();
    const path = document.createElementNS(SVG, 'path');
    for (const [k, v] of [['fill', 'none'], ['stroke', ink], ['stroke-width', '4'], ['stroke-linecap', 'round'],
      ['stroke-linejoin', 'round']]) {
      setAttr.call(path, k, v);
    }
    path.style.transition = 'opacity ' + Math.round(lifeMs / 3) + 'ms linear';
    l.svg.appendChild(path);
    const s = {
      place: () => setAttr.call(path, 'd', pathOf(xy, boundingRect.call(el))),
      remove: () => {
        cancel(fade);
        cancel(end);
        path.remove();
        l.strokes.delete(s);
        if (l.strokes.size === 0 && drawLayer === l) {
          drawLayer = null;
          l.remove();
        }
      },
    };
    const fade = later(() => { path.style.opacity = '0'; }, Math.round(lifeMs * 2 / 3));
    const end = later(() => s.remove(), lifeMs);
    l.strokes.add(s);
    s.place();
  }

  /** The stroke being drawn, shown as it goes (null: none). */
  let live = null;

  function liveStroke(stroke) {
    if (!stroke || stroke.at.length < 2) {
      if (live && !stroke) {
        live.remove();
        live = null;
      }
      return;
    }
    if (!live) {
      const l = layer();
      const path = document.createElementNS(SVG, 'path');
      for (const [k, v] of [['fill', 'none'], ['stroke', INKS.red], ['stroke-width', '4'], ['stroke-opacity', '0.6'],
        ['stroke-linecap', 'round'], ['stroke-linejoin', 'round']]) {
        setAttr.call(path, k, v);
      }
      l.svg.appendChild(path);
      const s = { place: noop, remove: () => { path.remove(); l.strokes.delete(s); } };
      l.strokes.add(s);
      live = { path, remove: s.remove };
    }
    const r = boundingRect.call(stroke.el);
    setAttr.call(live.path, 'd', pathOf([].concat(...stroke.at.map((p) => [p[0], p[1]])), r));
  }

  /** Removes every drawing of this page. */
  function clearDrawings() {
    if (drawLayer) {
      Array.from(drawLayer.strokes).forEach((s) => s.remove());
    }
  }

  /**
   * Entry point for the app: paints a drawing ({target, color, lifeMs, xy}, checked by the app) over
   * the element its evidence clearly names; answers {t:'drawn', id, found, reason?, detail?}.
   */
  function showDrawing(json, id) {
    if (framePath() !== '') {
      return;
    }
    let answer;
    try {
      const d = parse(String(json));
      const ink = d && Object.prototype.hasOwnProperty.call(INKS, d.color) ? INKS[d.color] : null;
      const xy = d && Array.isArray(d.xy) ? d.xy.filter((v) => typeof v === 'number' && v >= 0 && v <= 1) : [];
      const lifeMs = d ? Number(d.lifeMs) : NaN;
      if (!ink || xy.length < 4 || xy.length !== d.xy.length || xy.length > 2 * DRAW_MAX_POINTS
        || !(lifeMs >= 500 && lifeMs <= 10000) || !d.target || typeof d.target !== 'object') {
        answer = { found: false, reason: 'error', detail: 'not a drawing' };
      } else {
        const found = resolveTarget(d.target);
        if (found.el) {
          paintStroke(found.el, xy, ink, lifeMs);
          answer = { found: true };
        } else {
          answer = { found: false, reason: String(found.error), detail: String(found.detail || '') };
        }
      }
    } catch (e) {
      answer = { found: false, reason: 'error', detail: '' };
    }
    send(Object.assign({ t: 'drawn', id: String(id) }, answer));
  }
