'use strict';
// A plain server relay for the link benchmark (tools/bench/src/main/java/dev/companion/bench/peers/RelayPeer.java):
// clients connect to ws://127.0.0.1:PORT/?room=R&role=leader|follower; whatever the leader sends goes to
// every follower of its room, whatever a follower sends goes to the leader. No parsing: a relay only routes.
// Usage: node relay.js [port] [maxSeconds]  -> prints "LISTENING <port>"; exits when stdin closes or after
// maxSeconds (default 900), so it never outlives the benchmark.
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 0);
const maxSeconds = Number(process.argv[3] || 900);
const rooms = new Map();

const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on('connection', (ws, req) => {
  const url = new URL(req.url, 'http://relay.invalid');
  const name = url.searchParams.get('room') || 'default';
  const role = url.searchParams.get('role');
  let room = rooms.get(name);
  if (!room) {
    room = { leader: null, followers: new Set() };
    rooms.set(name, room);
  }
  if (role === 'leader') {
    room.leader = ws;
  } else {
    room.followers.add(ws);
  }
  ws.on('message', (data, isBinary) => {
    if (ws === room.leader) {
      for (const f of room.followers) {
        f.send(data, { binary: isBinary });
      }
    } else if (room.leader) {
      room.leader.send(data, { binary: isBinary });
    }
  });
  ws.on('close', () => {
    if (room.leader === ws) {
      room.leader = null;
    }
    room.followers.delete(ws);
  });
});

wss.on('listening', () => console.log('LISTENING ' + wss.address().port));
wss.on('error', (e) => {
  console.log('FAIL ' + e.message);
  process.exit(1);
});
process.stdin.on('data', (d) => {
  if (String(d).includes('QUIT')) process.exit(0);
});
process.stdin.on('end', () => process.exit(0));
setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
