// FollowBench, installed in the FOLLOWER's page through the test hook's eval. Records when the
// effect of each repeated action appears in the DOM (epoch ms: performance.timeOrigin +
// performance.now()) and the start of the next animation frame after it, and reports both to the
// benchmark with sendBeacon. click: the counter's text changed; input: an input event on #text;
// scroll: a scroll event of the document (Chromium dispatches those with the next frame).
(() => {
  if (window.__benchRecorder) {
    return 'already';
  }
  window.__benchRecorder = true;
  const origin = performance.timeOrigin;
  const now = () => origin + performance.now();
  const record = (m) => {
    m.t = now();
    requestAnimationFrame(() => {
      m.frame = now();
      navigator.sendBeacon('/mark', JSON.stringify(m));
    });
  };
  const count = document.getElementById('count');
  new MutationObserver(() => record({ kind: 'click', n: Number(count.textContent) }))
    .observe(count, { childList: true, characterData: true, subtree: true });
  document.addEventListener('input', (e) => {
    if (e.target && e.target.id === 'text') {
      record({ kind: 'input', value: e.target.value });
    }
  }, true);
  document.addEventListener('scroll', () => record({ kind: 'scroll', y: window.scrollY }), { capture: true, passive: true });
  return 'installed';
})()
