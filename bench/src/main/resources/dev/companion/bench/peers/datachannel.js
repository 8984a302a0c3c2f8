'use strict';
// The WebRTC DataChannel peer of the link benchmark (driven by DataChannelPeer.java through Playwright).
// Same echo protocol as our link: the leader sends the action JSON on a fixed schedule, the follower answers
// {"type":"ok","req":seq}; the leader times each ack from the action's intended send time with performance.now()
// (5 µs resolution: the page is cross-origin isolated) and hands the samples (µs) back to Java.
window.bench = (() => {
  let pc = null;
  let dc = null;
  let channelReady = null;

  // Delayed tasks without the nested-setTimeout clamp where the Prioritized Task Scheduling API exists.
  const later = (fn, ms) => (window.scheduler && window.scheduler.postTask)
    ? window.scheduler.postTask(fn, { delay: Math.max(0, ms), priority: 'user-blocking' })
    : setTimeout(fn, Math.max(0, ms));

  function gathered() {
    return new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') resolve();
      });
    });
  }

  function opened(channel) {
    return new Promise((resolve, reject) => {
      if (channel.readyState === 'open') return resolve();
      channel.addEventListener('open', () => resolve());
      channel.addEventListener('error', () => reject(new Error('data channel error')));
    });
  }

  function echo(e) {
    const m = JSON.parse(e.data);
    dc.send(JSON.stringify({ type: 'ok', req: m.seq }));
  }

  // A media permission (fake device) lets Chromium gather candidates on every interface, loopback included.
  async function init() {
    const s = await navigator.mediaDevices.getUserMedia({ audio: true });
    s.getTracks().forEach((t) => t.stop());
    pc = new RTCPeerConnection({ iceServers: [] });
    return true;
  }

  async function offer() {
    dc = pc.createDataChannel('bench', { ordered: true });
    await pc.setLocalDescription();
    await gathered();
    return pc.localDescription.sdp;
  }

  async function answer(sdp) {
    channelReady = new Promise((resolve) => {
      pc.ondatachannel = (e) => {
        dc = e.channel;
        dc.onmessage = echo;
        opened(dc).then(resolve);
      };
    });
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription();
    await gathered();
    return pc.localDescription.sdp;
  }

  async function accept(sdp) {
    await pc.setRemoteDescription({ type: 'answer', sdp });
    await opened(dc);
    return selectedPair();
  }

  async function ready() {
    await channelReady;
    return selectedPair();
  }

  async function selectedPair() {
    const stats = await pc.getStats();
    let pairId = null;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
    });
    const pair = pairId && stats.get(pairId);
    if (!pair) return 'unknown';
    const l = stats.get(pair.localCandidateId);
    const r = stats.get(pair.remoteCandidateId);
    return `${l.protocol} ${l.address}:${l.port} -> ${r.address}:${r.port}`;
  }

  // One run: n = rate × seconds actions, action i due at t0 + i/rate (a late sender catches up without
  // skipping). Resolves with µs samples: rtt from the intended time, fromSend from the actual send, late.
  function run(template, rate, seconds, first) {
    return new Promise((resolve) => {
      const n = Math.max(1, Math.round(rate * seconds));
      const period = 1000 / rate;
      const msg = JSON.parse(template);
      const sentAt = new Float64Array(n);
      const got = new Uint8Array(n);
      const rtt = [];
      const fromSend = [];
      const late = [];
      let i = 0;
      let acked = 0;
      let done = false;
      const t0 = performance.now() + 20;
      const finish = () => {
        if (done) return;
        done = true;
        dc.onmessage = null;
        resolve({ sent: i, acked, rtt, fromSend, late, seconds: (performance.now() - t0) / 1000 });
      };
      dc.onmessage = (e) => {
        const m = JSON.parse(e.data);
        const now = performance.now();
        const k = m.req - first;
        if (k < 0 || k >= n || got[k]) return;
        got[k] = 1;
        acked++;
        rtt.push(Math.round((now - (t0 + k * period)) * 1000));
        fromSend.push(Math.round((now - sentAt[k]) * 1000));
        if (acked === n) finish();
      };
      const tick = () => {
        while (i < n && t0 + i * period <= performance.now()) {
          msg.seq = first + i;
          const s = performance.now();
          sentAt[i] = s;
          late.push(Math.round((s - (t0 + i * period)) * 1000));
          dc.send(JSON.stringify(msg));
          i++;
        }
        if (i < n) {
          later(tick, t0 + i * period - performance.now());
        } else {
          later(finish, 3000);
        }
      };
      later(tick, t0 - performance.now());
    });
  }

  return { init, offer, answer, accept, ready, run };
})();
