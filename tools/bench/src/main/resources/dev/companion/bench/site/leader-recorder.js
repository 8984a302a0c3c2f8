// FollowBench, installed in the LEADER's page: when the leader's own page saw the robot's input
// take effect (same events as the follower's recorder), kept in window.__benchLead until read.
(() => {
  if (window.__benchLead) {
    return 'already';
  }
  const lead = window.__benchLead = [];
  const origin = performance.timeOrigin;
  const now = () => origin + performance.now();
  const count = document.getElementById('count');
  new MutationObserver(() => lead.push({ kind: 'click', t: now(), n: Number(count.textContent) }))
    .observe(count, { childList: true, characterData: true, subtree: true });
  document.addEventListener('input', (e) => {
    if (e.target && e.target.id === 'text') {
      lead.push({ kind: 'input', t: now(), value: e.target.value });
    }
  }, true);
  document.addEventListener('scroll', () => lead.push({ kind: 'scroll', t: now(), y: window.scrollY }), { capture: true, passive: true });
  return 'installed';
})()
