  // ---------------------------------------------------------------------------------------------
  // Waiting for content: a target that is not on the page yet is looked for again whenever the
  // document or one of its shadow roots changes, up to CONTENT_WAIT_MS.
  // ---------------------------------------------------------------------------------------------
  /** The element's box in this frame's viewport (CSS pixels), for real input at its position. */
  function boxOf(el) {
    const r = boundingRect.call(el);
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }

  /** Every root to observe for content that arrives later. */
  function observeAll(observer) {
    for (const root of allRoots()) {
      observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    }
  }

  /**
   * Resolves target, waiting up to CONTENT_WAIT_MS for content that is not there yet (a mutation
   * observer over the document and its shadow roots); tells waiting(detail) once after
   * WAITING_NOTICE_MS. Answers {el} or {error, detail}.
   */
  function resolveWaiting(target, waiting) {
    const first = resolveTarget(target);
    if (first.el || first.final) {
      return Promise.resolve(first);
    }
    return new Promise((resolve) => {
      let last = first;
      let scheduled = false;
      let done = false;
      const finish = (result) => {
        if (done) {
          return;
        }
        done = true;
        observer.disconnect();
        cancel(notice);
        cancel(deadline);
        resolve(result);
      };
      const retry = () => {
        scheduled = false;
        if (done) {
          return;
        }
        last = resolveTarget(target);
        if (last.el || last.final) {
          finish(last);
        } else {
          observer.disconnect();
          observeAll(observer); // new shadow roots may have come
        }
      };
      const observer = new MutationObserver(() => {
        if (!scheduled) {
          scheduled = true;
          later(retry, 30);
        }
      });
      observeAll(observer);
      const notice = later(() => waiting(last.error + ': ' + last.detail + ' yet'), WAITING_NOTICE_MS);
      const deadline = later(() => {
        const r = resolveTarget(target);
        finish(r.el || r.final ? r : { error: r.error, detail: r.detail + ' within ' + (CONTENT_WAIT_MS / 1000) + ' s' });
      }, CONTENT_WAIT_MS);
    });
  }
