  // ---------------------------------------------------------------------------------------------
  // Film night (the app's follow/film package decides; this part reads and steers one film).
  // ---------------------------------------------------------------------------------------------
  // Which film: on the leader, the audio or video element a person last started (a "play" while the
  // page had a user activation: a click, a key), never the first video of the page or one that
  // played by itself (a looping trailer). On a member, the leader's film is found by evidence: its
  // selector and the path of its source; an element that has both is it; else the only element
  // playing that source; else the element the selector names when it has no source to compare;
  // otherwise nothing (two elements with that source: ambiguous), and nothing is steered.
  let lastFilm = null;

  document.addEventListener('play', guarded((e) => {
    const el = e.target;
    if (e.isTrusted && isElement(el) && isMedia(el) && applying === 0
        && navigator.userActivation && navigator.userActivation.isActive) {
      lastFilm = el;
    }
  }), true);

  /** The path (and query) of a media element's source, '' when it has none. */
  function sourcePath(el) {
    const src = el.currentSrc || attr(el, 'src') || '';
    try {
      const u = new URL(src, location.href);
      return u.pathname + u.search;
    } catch (e) {
      return '';
    }
  }

  function mediaElements() {
    return Array.from(docQuerySelectorAll.call(document, 'video, audio')).filter(isMedia);
  }

  /** The leader's film on this page, by evidence: {el} or {error, detail}. */
  function findFilm(selector, src) {
    let named = null;
    try {
      named = typeof selector === 'string' && selector.length > 0 && selector.length <= MAX_SELECTOR
        ? docQuerySelector.call(document, selector) : null;
    } catch (e) {
      named = null;
    }
    const wanted = typeof src === 'string' ? src : '';
    if (named && isMedia(named) && (wanted === '' || sourcePath(named) === wanted)) {
      return { el: named };
    }
    if (wanted !== '') {
      const same = mediaElements().filter((m) => sourcePath(m) === wanted);
      if (same.length === 1) {
        return { el: same[0] };
      }
      if (same.length > 1) {
        return { error: 'ambiguous-target', detail: same.length + ' media elements play ' + wanted };
      }
    }
    return { error: 'target-not-found', detail: 'no film ' + (wanted || selector) };
  }

  /** Microseconds since the epoch, to the fraction of a millisecond the page's clock gives. */
  function epochMicros() {
    return Math.round((performance.timeOrigin + performance.now()) * 1000);
  }

  /** What the app is told about a film: where it is, at which time, and whether it can play there. */
  function filmReading(el) {
    const [position, rate] = mediaPosition(el);
    const ready = readyStateOf.call(el) >= 3 && !seekingOf.call(el); // HAVE_FUTURE_DATA, not seeking
    return {
      found: true, selector: selectorFor(el) || '', src: sourcePath(el), position, rate: rate || 1,
      paused: pausedOf.call(el), ready, at: epochMicros(),
    };
  }

  /**
   * Steers el as command says (each part optional): rate, a seek to seekTo seconds as of seekAt
   * (microseconds; the position moves on at seekRate until the seek starts), play or pause. Every
   * change is the agent's own (never captured).
   */
  async function steerFilm(el, command) {
    if (isFiniteNumber(command.rate) && command.rate > 0 && command.rate <= 16
        && playbackRateProperty.get.call(el) !== command.rate) {
      applyingNow(() => {
        playbackRateProperty.set.call(el, command.rate);
        expectMedia(el, 'ratechange');
      });
    }
    if (isFiniteNumber(command.seekTo) && command.seekTo >= 0) {
      const rate = isFiniteNumber(command.seekRate) ? command.seekRate : 0;
      const since = isFiniteNumber(command.seekAt) ? Math.max(0, (epochMicros() - command.seekAt) / 1e6) : 0;
      applyingNow(() => {
        expectMedia(el, 'seeked');
        currentTimeProperty.set.call(el, command.seekTo + since * rate);
      });
    }
    if (command.play === true) {
      const r = await playMedia(el);
      if (!r.applied) {
        return r;
      }
    } else if (command.play === false) {
      applyingNow(() => pauseMedia(el));
    }
    return ok();
  }

  /**
   * Entry point for the app: json is {selector, src, command}; no selector: this page's own film
   * (the one a person started last). Answers {t: 'film', id, film: reading or {found: false, reason, detail}}.
   */
  async function filmFor(json, id) {
    let request;
    try {
      request = parse(String(json));
    } catch (e) {
      request = null;
    }
    if (framePath() !== '') {
      return; // film night follows films of the top page
    }
    let film;
    if (!request || typeof request !== 'object') {
      film = { found: false, reason: 'refused' };
    } else {
      const found = request.selector === undefined || request.selector === null
        ? (lastFilm && lastFilm.isConnected ? { el: lastFilm } : { error: 'target-not-found', detail: 'no film played here' })
        : findFilm(request.selector, request.src);
      if (found.error) {
        film = { found: false, reason: found.error, detail: found.detail };
      } else if (isPrivate(found.el)) {
        film = { found: false, reason: 'private-field' };
      } else {
        const command = request.command && typeof request.command === 'object' ? request.command : {};
        const steered = await steerFilm(found.el, command);
        film = filmReading(found.el);
        if (!steered.applied) {
          film.failed = steered.reason;
        }
      }
    }
    send({ t: 'film', id: String(id), film });
  }
