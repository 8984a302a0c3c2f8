  // ---------------------------------------------------------------------------------------------
  // Ready: once the document is parsed.
  // ---------------------------------------------------------------------------------------------
  function announceReady() {
    const frame = framePath();
    if (frame !== null) {
      send({ t: 'ready', url: location.href, frame, name: frameNameOf() });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', guarded(announceReady), { once: true });
  } else {
    announceReady();
  }
  // Back/forward may restore this very document from the back-forward cache: the agent is still
  // installed, so it says again that it is ready.
  window.addEventListener('pageshow', guarded((e) => {
    if (e.persisted) {
      lastHref = location.href;
      announceReady();
    }
  }), true);
})(__COMPANION_AGENT_CONFIG__);
