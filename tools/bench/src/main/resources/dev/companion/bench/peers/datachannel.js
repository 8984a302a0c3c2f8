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

  // ---- Connect scenario (bench connect): a fresh RTCPeerConnection per connect -------------------------
  // Times (leader page, performance.now()) from just before `new RTCPeerConnection` to: the offer ready,
  // the answer back in the leader's page (Java relays the SDP through Playwright: that hop counts), the
  // channel's open, and the echo of the first action. The offer and the answer leave either once ICE
  // gathering is complete (early false: non-trickle) or as soon as they hold a UDP host candidate on
  // 127.0.0.1 (early true: what trickle ICE achieves here, without waiting for gathering to end).
  let conn = null;
  const LOOPBACK = / udp \d+ 127\.0\.0\.1 \d+ typ host/;

  function sdpReady(early) {
    if (!early) return gathered();
    return new Promise((resolve) => {
      const check = () => {
        if (pc.iceGatheringState === 'complete' || (pc.localDescription && LOOPBACK.test(pc.localDescription.sdp))) resolve();
      };
      pc.addEventListener('icecandidate', check);
      pc.addEventListener('icegatheringstatechange', check);
      check();
    });
  }

  const within = (promise, ms, what) => Promise.race([promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(what + ' took over ' + ms + ' ms')), ms))]);

  // The media permission that lets Chromium gather loopback candidates, without creating a connection.
  async function permit() {
    const s = await navigator.mediaDevices.getUserMedia({ audio: true });
    s.getTracks().forEach((t) => t.stop());
    return true;
  }

  async function dial(early) {
    const t0 = performance.now();
    pc = new RTCPeerConnection({ iceServers: [] });
    dc = pc.createDataChannel('bench', { ordered: true });
    let candidate = null;
    pc.addEventListener('icecandidate', (e) => {
      if (candidate === null && e.candidate && / udp \d+ 127\.0\.0\.1 \d+ typ host/.test(e.candidate.candidate)) {
        candidate = performance.now();
      }
    });
    await pc.setLocalDescription();
    const described = performance.now();
    await within(sdpReady(early), 10000, 'ICE gathering');
    conn = { t0, described, candidate, offer: performance.now() };
    return pc.localDescription.sdp;
  }

  async function pickUp(sdp, early) {
    pc = new RTCPeerConnection({ iceServers: [] });
    pc.ondatachannel = (e) => {
      dc = e.channel;
      dc.onmessage = echo;
    };
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription();
    await within(sdpReady(early), 10000, 'ICE gathering');
    return pc.localDescription.sdp;
  }

  async function complete(sdp, template, seq) {
    conn.answer = performance.now();
    const echoed = new Promise((resolve) => {
      dc.onmessage = (e) => {
        const now = performance.now();
        if (JSON.parse(e.data).req === seq) resolve(now);
      };
    });
    await pc.setRemoteDescription({ type: 'answer', sdp });
    await within(opened(dc), 10000, 'DataChannel open');
    conn.open = performance.now();
    const msg = JSON.parse(template);
    msg.seq = seq;
    dc.send(JSON.stringify(msg));
    conn.echo = await within(echoed, 10000, 'first echo');
    const us = (t) => Math.round((t - conn.t0) * 1000);
    return { described: us(conn.described), candidate: conn.candidate === null ? null : us(conn.candidate),
      offer: us(conn.offer), answer: us(conn.answer), open: us(conn.open), echo: us(conn.echo),
      pair: await selectedPair() };
  }

  function hangUp() {
    if (dc) dc.onmessage = null;
    if (pc) pc.close();
    pc = null;
    dc = null;
    return true;
  }

  return { init, offer, answer, accept, ready, run, permit, dial, pickUp, complete, hangUp };
})();
