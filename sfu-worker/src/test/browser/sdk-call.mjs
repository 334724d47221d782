// End-to-end tests of the browser SDK in real Chromium: a page loads sdk-js/dist/cpaas.min.js
// (window.Cpaas) and joins rooms through the real room-service and worker. One scenario per run;
// prints one JSON result line and exits 0 when every expectation held.
// Usage: node sdk-call.mjs '<json>'  with {roomUrl, scenario, tokens: [..], ...} (see the scenarios below)
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launchChromium } from './launch-chromium.mjs';
import readline from 'node:readline';

const options = JSON.parse(process.argv[2]);
const timeoutMs = options.timeoutMs ?? 20000;
const here = dirname(fileURLToPath(import.meta.url));
const bundlePath = join(here, '..', '..', '..', '..', 'sdk-js', 'dist', 'cpaas.min.js');
if (!existsSync(bundlePath)) {
  console.log(JSON.stringify({ ok: false, failures: [`${bundlePath} is missing: run (cd sdk-js && npm ci && npm run build) first`] }));
  process.exit(1);
}
const files = { '/': ['text/html', readFileSync(join(here, 'sdk.html'))], '/cpaas.min.js': ['text/javascript', readFileSync(bundlePath)] };
if (existsSync(bundlePath + '.map')) files['/cpaas.min.js.map'] = ['application/json', readFileSync(bundlePath + '.map')];
const server = http.createServer((req, res) => {
  const file = files[req.url.split('?')[0]];
  if (!file) { res.writeHead(req.url === '/favicon.ico' ? 204 : 404); res.end(); return; }
  res.writeHead(200, { 'content-type': file[0] });
  res.end(file[1]);
});
// Pages in a network namespace (options.pageHost: the host's address on its link) cannot reach 127.0.0.1.
const pageHost = options.pageHost ?? '127.0.0.1';
await new Promise(resolve => server.listen(0, pageHost, resolve));
const pageUrl = `http://${pageHost}:${server.address().port}/`;
const secureOrigins = pageHost === '127.0.0.1' ? [] : [pageUrl.replace(/\/$/, '')];

// One Chromium on the host, and one per network namespace a participant is put in (open's netns).
const browsers = new Map([[null, await launchChromium({ secureOrigins })]]);
async function browserIn(netns) {
  if (!browsers.has(netns)) browsers.set(netns, await launchChromium({ netns, secureOrigins }));
  return browsers.get(netns);
}

const result = { ok: false, scenario: options.scenario, failures: [], checks: {} };
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
const check = (name, ok, detail) => { result.checks[name] = ok; if (!ok) result.failures.push(`${name}: ${JSON.stringify(detail ?? null)}`); return ok; };
const entries = [];

async function open(token, { publish = true, autoSubscribe = true, roomOptions = options.roomOptions ?? {}, netns = null, freshToken } = {}) {
  const context = await (await browserIn(netns)).newContext();
  const tab = await context.newPage();
  // The errors scenario provokes 401 and 403 answers on purpose; the browser logs them.
  // The failover scenario's retries reach the killed worker until room-service releases its rooms.
  // The tokenExpiry scenario's rejoin with an expired token is refused with 401 on purpose.
  const expected = options.scenario === 'errors' ? /Failed to load resource: .* status of 40[13]/
    : options.scenario === 'tokenExpiry' ? /Failed to load resource: .* status of 401/
    : options.scenario === 'failover' ? /WebSocket connection to .* failed/
    // The killed edge's viewers may be placed on it again before room-service declares it dead: the
    // join then fails (503, the edge cannot be asked to relay) and the SDK retries.
    : options.scenario === 'broadcast' ? /WebSocket connection to .* failed|status of 503/ : null;
  tab.on('console', msg => { if (msg.type() === 'error' && !(expected && expected.test(msg.text()))) result.failures.push('console: ' + msg.text()); });
  tab.on('pageerror', error => result.failures.push('page: ' + error.message));
  await tab.goto(pageUrl);
  const joined = await tab.evaluate(args => window.sdk.connect(args), { roomUrl: options.roomUrl, token, publish, autoSubscribe, roomOptions, freshToken });
  const entry = { tab, context, joined, identity: joined.identity };
  entries.push(entry);
  return entry;
}

const stats = (entry) => entry.tab.evaluate(() => window.sdk.stats());

/** Polls the page's stats until `predicate` holds (at most `limitMs`); answers the last stats and whether it held. */
async function until(entry, predicate, limitMs = timeoutMs) {
  const deadline = Date.now() + limitMs;
  let last = null;
  while (Date.now() < deadline) {
    last = await stats(entry);
    if (predicate(last)) return { ok: true, stats: last };
    await sleep(150);
  }
  return { ok: false, stats: last };
}

const decodingVideos = (s) => s.inbound.filter(i => i.kind === 'video' && i.framesDecoded > 0).length;
const audibleAudios = (s) => s.inbound.filter(i => i.kind === 'audio' && i.totalAudioEnergy > 0).length;

/** Waits until `entry` decodes `remotes` videos and hears as many audios, then checks frames keep coming. */
async function awaitMedia(entry, remotes) {
  const media = await until(entry, s => decodingVideos(s) >= remotes && audibleAudios(s) >= remotes);
  const frames = (s) => Object.fromEntries(s.inbound.filter(i => i.kind === 'video').map(i => [i.ssrc, i.framesDecoded]));
  let growing = 0;
  if (media.ok) {
    const before = frames(media.stats);
    for (const deadline = Date.now() + 8000; Date.now() < deadline && growing < remotes;) {
      await sleep(500);
      const now = frames(await stats(entry));
      growing = Object.keys(now).filter(ssrc => (now[ssrc] ?? 0) > (before[ssrc] ?? 0)).length;
    }
  }
  return { ok: media.ok && growing >= remotes, growing, firstFrameMs: media.stats && media.stats.firstFrameMs, stats: media.stats };
}

const eventsOf = (s, name) => s.events.filter(e => e.name === name);
const decodingVia = (s, via) => s.inbound.filter(i => i.via === via && i.kind === 'video' && i.framesDecoded > 0).length;

/** Whether `entry` decodes `count` videos arriving over `via` (direct or subscribe) with frames still coming. */
async function decodesVia(entry, via, count, limitMs = timeoutMs) {
  const first = await until(entry, s => decodingVia(s, via) >= count, limitMs);
  if (!first.ok) return { ok: false, stats: first.stats };
  const frames = (s) => s.inbound.filter(i => i.via === via && i.kind === 'video').reduce((sum, i) => sum + (i.framesDecoded ?? 0), 0);
  const before = frames(first.stats);
  const later = await until(entry, s => frames(s) > before + 5, 8000);
  return { ok: later.ok, stats: later.stats };
}

/**
 * The two of a call room decode each other over their direct connection, whose selected candidate
 * pair is not the worker's: browser to browser (host candidates), or through coturn with `relay`.
 */
async function checkDirectCall(a, b) {
  for (const [self, other] of [[a, b], [b, a]]) {
    const media = await awaitMedia(self, 1);
    check(`${self.identity} decodes and hears ${other.identity}`, media.ok, media.stats);
    const direct = await decodesVia(self, 'direct', 1);
    check(`${self.identity} decodes ${other.identity}'s video over the direct connection`, direct.ok, direct.stats && direct.stats.inbound);
    // ICE may still be switching pairs (renomination): wait for a selected pair that carries traffic.
    const paired = await until(self, x => x.pairs.direct && x.pairs.direct.state === 'succeeded' && x.pairs.direct.bytesReceived > 0, 10000);
    const s = paired.stats ?? direct.stats ?? media.stats;
    check(`${self.identity} calls peer to peer`, s && s.topology === 'peer', s && s.topology);
    check(`${self.identity} gets no video through the SFU`, s && decodingVia(s, 'subscribe') === 0, s && s.inbound);
    const pair = s && s.pairs.direct;
    const worker = s && (s.pairs.subscribe ?? s.pairs.publish);
    result.pairs = { ...(result.pairs ?? {}), [self.identity]: { direct: pair, worker: worker && worker.remote } };
    check(`${self.identity}'s direct pair is up`, paired.ok, pair);
    check(`${self.identity}'s direct pair does not lead to the worker`, pair && worker && worker.remote
      && `${pair.remote.address}:${pair.remote.port}` !== `${worker.remote.address}:${worker.remote.port}`, { pair, worker });
    if (options.relay) {
      check(`${self.identity}'s direct pair is relayed by coturn at both ends`, pair && pair.local.type === 'relay' && pair.remote.type === 'relay'
        && String(pair.local.url).includes(`:${options.turnPort}`), pair);
    } else {
      // prflx: the peer's host candidate learnt from its checks before its signal arrived.
      check(`${self.identity}'s direct pair is browser to browser (no relay)`, pair && pair.local.type === 'host'
        && ['host', 'prflx'].includes(pair.remote.type) && !String(pair.remote.address).endsWith('.local'), pair);
    }
  }
}

// Lines the JUnit side writes to our stdin (scenario broadcast), one at a time.
const stdinLines = [];
const stdinWaiters = [];
if (options.scenario === 'broadcast') {
  readline.createInterface({ input: process.stdin }).on('line', line => {
    const waiter = stdinWaiters.shift();
    if (waiter) waiter(line); else stdinLines.push(line);
  });
}
const nextLine = () => stdinLines.length ? Promise.resolve(stdinLines.shift()) : new Promise(resolve => stdinWaiters.push(resolve));
const videoFrames = (s) => s.inbound.filter(i => i.kind === 'video').reduce((sum, i) => sum + (i.framesDecoded ?? 0), 0);

const scenarios = {
  // A 1:1 call room: the two connect directly (or through coturn with options.relay); the worker
  // carries no media (the JUnit side checks its counters on CMD traffic). A screen share then
  // travels the direct connection too, and goes away when stopped.
  async p2p() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    await checkDirectCall(a, b);
    console.log('CMD traffic ' + JSON.stringify({ expect: 'none' }));
    await a.tab.evaluate(() => window.sdk.setScreenShare(true));
    const shared = await until(b, s => eventsOf(s, 'trackSubscribed').some(e => e.source === 'screen') && decodingVia(s, 'direct') >= 2);
    check('b decodes a screen share over the direct connection', shared.ok, shared.stats && shared.stats.inbound);
    await a.tab.evaluate(() => window.sdk.setScreenShare(false));
    const stopped = await until(b, s => eventsOf(s, 'trackUnpublished').some(e => e.source === 'screen')
      && eventsOf(s, 'trackUnsubscribed').some(e => e.source === 'screen'), 5000);
    check('stopping the share unpublishes and unsubscribes it', stopped.ok, stopped.stats && stopped.stats.events);
    const still = await decodesVia(b, 'direct', 1);
    check('the camera keeps coming directly', still.ok && still.stats.topology === 'peer', still.stats && still.stats.inbound);
  },

  // A direct path that does not come up in time (here: a timeout too short for any) moves the call
  // to the SFU on both sides without the app doing anything.
  async p2pFallback() {
    const a = await open(options.tokens[0], { roomOptions: { peerConnectTimeoutMs: 1 } });
    const b = await open(options.tokens[1]);
    for (const [self, other] of [[a, b], [b, a]]) {
      const moved = await decodesVia(self, 'subscribe', 1);
      check(`${self.identity} decodes ${other.identity} through the SFU`, moved.ok, moved.stats && moved.stats.inbound);
      check(`${self.identity} is on the SFU`, moved.stats && moved.stats.topology === 'sfu', moved.stats && moved.stats.topology);
      check(`${self.identity} has no direct connection left`, moved.stats && moved.stats.pairs.direct === null, moved.stats && moved.stats.pairs);
    }
    const log = eventsOf(await stats(b), 'log').map(e => e.message);
    check('b moved because a said so', log.some(m => /moved the call to the SFU/.test(m)), log);
  },

  // Two in a call room talk peer to peer; a third joins: all three end up decoding each other
  // through the SFU, and the two saw their tracks resubscribed (the new track from the SFU).
  async p2pThird() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    await checkDirectCall(a, b);
    const before = { [a.identity]: (await stats(a)).events.length, [b.identity]: (await stats(b)).events.length };
    const c = await open(options.tokens[2]);
    for (const entry of [a, b, c]) {
      const media = await until(entry, s => decodingVia(s, 'subscribe') >= 2 && s.topology === 'sfu'
        && s.inbound.filter(i => i.via === 'subscribe' && i.kind === 'audio' && i.totalAudioEnergy > 0).length >= 2);
      check(`${entry.identity} decodes and hears the two others through the SFU`, media.ok, media.stats && { topology: media.stats.topology, inbound: media.stats.inbound });
      const growing = await decodesVia(entry, 'subscribe', 2);
      check(`${entry.identity}'s videos keep coming`, growing.ok, growing.stats && growing.stats.inbound);
      check(`${entry.identity} has no direct connection left`, growing.stats && growing.stats.pairs.direct === null, growing.stats && growing.stats.pairs);
    }
    for (const [self, other] of [[a, b], [b, a]]) {
      const s = await stats(self);
      const since = { ...s, events: s.events.slice(before[self.identity]) };
      const videos = eventsOf(since, 'trackSubscribed').filter(e => e.identity === other.identity && e.kind === 'video').length;
      check(`${self.identity} got ${other.identity}'s video again (from the SFU) once c came`, videos === 1, since.events.filter(e => e.name !== 'log'));
      const unsubscribed = eventsOf(since, 'trackUnsubscribed').filter(e => e.identity === other.identity).length;
      check(`${self.identity} saw the direct tracks go`, unsubscribed === 2, since.events.filter(e => e.name !== 'log'));
    }
    console.log('CMD traffic ' + JSON.stringify({ expect: 'some' }));
  },

  // A broadcast: one host publishes, six viewers (tokens without publish) all decode it; a viewer's
  // attempt to publish is refused with not-allowed and changes nothing.
  async broadcastSixViewers() {
    const host = await open(options.tokens[0]);
    const viewers = [];
    for (const token of options.viewerTokens) viewers.push(await open(token, { publish: false }));
    result.viewers = [];
    for (const viewer of viewers) {
      const media = await awaitMedia(viewer, 1);
      result.viewers.push({ identity: viewer.identity, ok: media.ok, growing: media.growing });
      check(`${viewer.identity} decodes and hears the host`, media.ok, media.stats && media.stats.inbound);
    }
    const refused = await viewers[0].tab.evaluate(() => window.sdk.expectFailure('publish'));
    check('a viewer cannot publish (not-allowed)', refused.failed && refused.error.type === 'urn:cpaas:sdk:not-allowed', refused);
    check('and stays connected', refused.state === 'connected', refused);
    const seen = await stats(host);
    check('the host saw no track of any viewer', eventsOf(seen, 'trackPublished').length === 0, seen.events.filter(e => e.name !== 'log'));
    check('the host knows its six viewers', seen.remotes.length === viewers.length, seen.remotes);
  },

  // Everyone publishes camera and microphone; everyone decodes everyone. Answers join → first remote frame of the later joiners.
  async meeting() {
    for (const token of options.tokens) await open(token);
    result.participants = [];
    for (const [i, entry] of entries.entries()) {
      const media = await awaitMedia(entry, entries.length - 1);
      result.participants.push({ identity: entry.identity, ok: media.ok, growing: media.growing, firstFrameMs: media.firstFrameMs,
        connectMs: entry.joined.connectMs, laterJoiner: i > 0 });
      check(`${entry.identity} decodes and hears ${entries.length - 1}`, media.ok, media.stats);
      const subscribed = eventsOf(media.stats, 'trackSubscribed').length;
      check(`${entry.identity} got trackSubscribed for every remote track`, subscribed >= 2 * (entries.length - 1), media.stats.events);
    }
    result.firstFrameMs = result.participants.filter(p => p.laterJoiner).map(p => p.firstFrameMs);
    // options.holdMs: the call goes on that long before everyone leaves (a call whose usage is checked).
    if (options.holdMs) await sleep(options.holdMs);
  },

  // Join → first remote video frame, `rounds` times: a publisher is in a fresh room, then a second
  // participant joins (and publishes) and we time its first decoded frame of the publisher's video
  // (requestVideoFrameCallback), from the call to connect. Answers every figure and the median.
  async latency() {
    result.firstFrameMs = [];
    for (const [publisherToken, joinerToken] of options.rounds) {
      const publisher = await open(publisherToken);
      await sleep(1000); // the publisher's media reaches the worker before the joiner arrives
      const joiner = await open(joinerToken);
      const media = await until(joiner, s => s.firstFrameMs !== null && decodingVideos(s) >= 1);
      check(`round ${result.firstFrameMs.length + 1}: the joiner decodes the publisher`, media.ok, media.stats);
      if (media.ok) result.firstFrameMs.push(Math.round(media.stats.firstFrameMs));
      for (const entry of [joiner, publisher]) {
        await entry.tab.evaluate(() => window.sdk.leave()).catch(() => {});
        await entry.context.close();
        entries.splice(entries.indexOf(entry), 1);
      }
    }
    const sorted = [...result.firstFrameMs].sort((x, y) => x - y);
    result.medianFirstFrameMs = sorted.length === 0 ? null
      : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  },

  // Data to the room and to identities: in order, only to the targets, never echoed.
  async data() {
    const [a, b, c] = [await open(options.tokens[0], { publish: false }), await open(options.tokens[1], { publish: false }),
      await open(options.tokens[2], { publish: false })];
    await a.tab.evaluate(({ b }) => {
      for (let i = 0; i < 30; i++) {
        if (i % 3 === 2) window.sdk.sendData('direct-' + i, [b]);
        else window.sdk.sendData('room-' + i, null, 'chat');
      }
    }, { b: b.identity });
    await c.tab.evaluate(({ a }) => window.sdk.sendData('to-a', [a]), { a: a.identity });
    await sleep(1500);
    const [ra, rb, rc] = await Promise.all([a, b, c].map(e => e.tab.evaluate(() => window.sdk.received())));
    const expectAll = Array.from({ length: 30 }, (_, i) => (i % 3 === 2 ? 'direct-' : 'room-') + i);
    check('b receives everything in order', JSON.stringify(rb.map(m => m.payload)) === JSON.stringify(expectAll), rb);
    check('c receives only room messages, in order', JSON.stringify(rc.map(m => m.payload)) === JSON.stringify(expectAll.filter(p => p.startsWith('room-'))), rc);
    check('senders are named and known', rb.every(m => m.from === a.identity && m.known), rb.slice(0, 2));
    check('topics arrive', rb.filter(m => m.topic === 'chat').length === 20, rb.slice(0, 3));
    check('a receives only what c sent it', JSON.stringify(ra.map(m => m.payload + '<' + m.from)) === JSON.stringify(['to-a<' + c.identity]), ra);
  },

  // Mute/unmute and unpublish show at the other side; the remaining track keeps flowing.
  async mute() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    check('b receives a', (await awaitMedia(b, 1)).ok);
    await a.tab.evaluate(() => window.sdk.setMuted('camera', true));
    const muted = await until(b, s => eventsOf(s, 'trackMuted').some(e => e.identity === a.identity && e.source === 'camera')
      && s.remotes.some(r => r.tracks.some(t => t.source === 'camera' && t.muted)), 5000);
    check('b sees trackMuted for a camera', muted.ok, muted.stats && muted.stats.events);
    await a.tab.evaluate(() => window.sdk.setMuted('camera', false));
    const unmuted = await until(b, s => eventsOf(s, 'trackUnmuted').some(e => e.source === 'camera'), 5000);
    check('b sees trackUnmuted', unmuted.ok, unmuted.stats && unmuted.stats.events);
    const local = await stats(a);
    check('a knows its own track sids', local.local.every(t => t.sid.startsWith('TR_')), local.local);
    await a.tab.evaluate(() => window.sdk.unpublish('camera'));
    const gone = await until(b, s => eventsOf(s, 'trackUnpublished').some(e => e.source === 'camera')
      && eventsOf(s, 'trackUnsubscribed').some(e => e.source === 'camera'), 5000);
    check('b sees the camera unsubscribed and unpublished', gone.ok, gone.stats && gone.stats.events);
    const audio = await until(b, s => s.remotes.every(r => r.tracks.length === 1 && r.tracks[0].source === 'microphone' && r.tracks[0].subscribed), 3000);
    check('a microphone stays subscribed', audio.ok, audio.stats && audio.stats.remotes);
    // Selective subscription: b stops and resumes a's microphone.
    await b.tab.evaluate(({ a }) => window.sdk.setSubscribed(a, 'microphone', false), { a: a.identity });
    const off = await until(b, s => eventsOf(s, 'trackUnsubscribed').some(e => e.source === 'microphone'), 3000);
    check('unsubscribing emits trackUnsubscribed', off.ok, off.stats && off.stats.events);
    await b.tab.evaluate(({ a }) => window.sdk.setSubscribed(a, 'microphone', true), { a: a.identity });
    const on = await until(b, s => eventsOf(s, 'trackSubscribed').filter(e => e.source === 'microphone').length >= 2, 3000);
    check('resubscribing emits trackSubscribed', on.ok, on.stats && on.stats.events);
  },

  // With autoSubscribe off nothing arrives until asked for; then only what was asked for.
  async selective() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1], { publish: false, autoSubscribe: false });
    const listed = await until(b, s => s.remotes.some(r => r.tracks.length === 2), 5000);
    check('b lists a with two unsubscribed tracks', listed.ok && listed.stats.remotes[0].tracks.every(t => !t.subscribed), listed.stats && listed.stats.remotes);
    await sleep(1500);
    const idle = await stats(b);
    check('nothing is subscribed nor decoded', eventsOf(idle, 'trackSubscribed').length === 0 && decodingVideos(idle) === 0, idle);
    await b.tab.evaluate(({ a }) => window.sdk.setSubscribed(a, 'camera', true), { a: a.identity });
    const video = await until(b, s => decodingVideos(s) >= 1, 8000);
    check('subscribing to the camera brings its video', video.ok, video.stats);
    await sleep(1000);
    const after = await stats(b);
    check('the microphone stays unsubscribed', eventsOf(after, 'trackSubscribed').every(e => e.source === 'camera')
      && after.inbound.filter(i => i.kind === 'audio' && i.packetsReceived > 0).length === 0, after);
  },

  // The same identity joins from a second page: the first is disconnected for good (4001, no
  // reconnection), the others see the newcomer's media; leaving is seen by the others.
  async replaced() {
    const first = await open(options.tokens[0]);
    const other = await open(options.tokens[1]);
    check('the other receives the first page', (await awaitMedia(other, 1)).ok);
    const second = await open(options.tokens[0]);
    const gone = await until(first, s => s.state === 'disconnected', 8000);
    // 4001 from the worker, or 4002 when room-service evicted the older session first.
    check('the first page is disconnected as replaced', gone.ok
      && ['duplicate-identity', 'participant-removed'].includes(eventsOf(gone.stats, 'disconnected').map(e => e.reason).join()),
    gone.stats && gone.stats.events);
    await sleep(2000);
    const still = await stats(first);
    check('and does not reconnect', eventsOf(still, 'reconnecting').length === 0 && still.state === 'disconnected', still.events);
    const moved = await until(other, s => eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= 2 && decodingVideos(s) >= 1
      && s.remotes.length === 1, 10000);
    check('the other decodes the second page', moved.ok, moved.stats);
    await other.tab.evaluate(() => window.sdk.leave());
    const left = await until(second, s => eventsOf(s, 'participantLeft').some(e => e.identity === other.identity) && s.remotes.length === 0, 5000);
    check('leaving is seen by the others', left.ok, left.stats && left.stats.events);
  },

  // Moderation through room-service (the JUnit side acts on the CMD lines printed here): a server
  // mute shows on both sides and cannot be lifted by the publisher; a removal disconnects for good.
  async moderation() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1], { publish: false });
    check('b receives a', (await awaitMedia(b, 1)).ok);
    const camera = (await stats(a)).local.find(t => t.source === 'camera');
    console.log('CMD mute ' + JSON.stringify({ identity: a.identity, trackSid: camera.sid }));
    const seen = await until(b, s => eventsOf(s, 'trackMuted').some(e => e.identity === a.identity && e.source === 'camera'), 8000);
    check('b sees the server mute', seen.ok, seen.stats && seen.stats.events);
    const own = await until(a, s => eventsOf(s, 'trackMuted').some(e => e.source === 'camera') && s.local.some(t => t.source === 'camera' && t.muted), 5000);
    check('a sees its camera muted', own.ok, own.stats && own.stats.events);
    const unmute = await a.tab.evaluate(async () => {
      try { await window.sdk.setMuted('camera', false); return { failed: false }; } catch (e) { return { failed: true, type: e.type }; }
    });
    check('a cannot unmute a server mute', unmute.failed && unmute.type === 'urn:cpaas:sdk:not-allowed', unmute);
    console.log('CMD remove ' + JSON.stringify({ identity: a.identity }));
    const removed = await until(a, s => s.state === 'disconnected', 8000);
    check('a is disconnected as removed', removed.ok
      && eventsOf(removed.stats, 'disconnected').map(e => e.reason).join() === 'participant-removed', removed.stats && removed.stats.events);
    await sleep(2000);
    const after = await stats(a);
    check('a does not come back', eventsOf(after, 'reconnecting').length === 0, after.events);
    const left = await until(b, s => eventsOf(s, 'participantLeft').some(e => e.identity === a.identity), 5000);
    check('b sees a leave', left.ok, left.stats && left.stats.events);
  },

  // A participant whose token does not grant publish receives but cannot publish.
  async subscribeOnly() {
    const publisher = await open(options.tokens[0]);
    const viewer = await open(options.viewerToken, { publish: false });
    check('the viewer receives the publisher', (await awaitMedia(viewer, 1)).ok);
    const refused = await viewer.tab.evaluate(() => window.sdk.expectFailure('publish'));
    check('publishing fails with not-allowed', refused.failed && refused.error.type === 'urn:cpaas:sdk:not-allowed', refused);
    check('the viewer stays connected', refused.state === 'connected', refused);
    const after = await awaitMedia(viewer, 1);
    check('media still flows to the viewer', after.ok);
    const seen = await stats(publisher);
    check('the publisher saw no track of the viewer', !eventsOf(seen, 'trackPublished').some(e => e.identity === viewer.identity), seen.events);
  },

  // Clear errors for a bad URL, an invalid token, a full room and a denied camera.
  async errors() {
    const first = await open(options.tokens[0], { publish: false });
    const tab = first.tab;
    const badUrl = await tab.evaluate(args => window.sdk.expectFailure('connect', args), { roomUrl: 'not a url', token: options.tokens[1] });
    check('bad URL', badUrl.failed && badUrl.error.type === 'urn:cpaas:sdk:invalid-argument', badUrl);
    const badToken = await tab.evaluate(args => window.sdk.expectFailure('connect', args), { roomUrl: options.roomUrl, token: 'e30.e30.c2ln' });
    check('invalid token', badToken.failed && badToken.error.status === 401 && /invalid-token|unauthenticated/.test(badToken.error.type), badToken);
    const full = await tab.evaluate(args => window.sdk.expectFailure('connect', args), { roomUrl: options.roomUrl, token: options.tokens[1] });
    check('full room', full.failed && full.error.status === 403 && full.error.type === 'urn:cpaas:problem:limit-reached', full);
    const denied = await tab.evaluate(() => window.sdk.expectFailure('deniedCamera'));
    check('denied camera', denied.failed && denied.error.type === 'urn:cpaas:sdk:device-failed' && /denied/.test(denied.error.message), denied);
    result.errors = { badUrl, badToken, full, denied };
  },

  // A screen share appears for the others as a second video of the sharer, and goes away when stopped.
  async screen() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    check('b receives a', (await awaitMedia(b, 1)).ok);
    await a.tab.evaluate(() => window.sdk.setScreenShare(true));
    const shared = await until(b, s => eventsOf(s, 'trackSubscribed').some(e => e.source === 'screen') && decodingVideos(s) >= 2);
    check('b subscribes to and decodes a screen share', shared.ok, shared.stats);
    check('b saw trackPublished for the screen', shared.stats && eventsOf(shared.stats, 'trackPublished').some(e => e.source === 'screen'), shared.stats && shared.stats.events);
    await a.tab.evaluate(() => window.sdk.setScreenShare(false));
    const stopped = await until(b, s => eventsOf(s, 'trackUnpublished').some(e => e.source === 'screen'), 5000);
    check('stopping the share unpublishes it', stopped.ok, stopped.stats && stopped.stats.events);
  },

  // The worker closes every socket with 4005 (its rooms were released): the rooms join again
  // through room-service. The JUnit side closes them when this prints READY.
  async serverDrop() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    check('a receives b before', (await awaitMedia(a, 1)).ok);
    check('b receives a before', (await awaitMedia(b, 1)).ok);
    const droppedAt = Date.now();
    console.log('READY');
    for (const [self, other] of [[a, b], [b, a]]) {
      const back = await until(self, s => eventsOf(s, 'reconnected').length === 1 && s.state === 'connected'
        && eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= 2 && decodingVideos(s) >= 1 && audibleAudios(s) >= 1);
      check(`${self.identity} reconnects and decodes ${other.identity} again`, back.ok, back.stats);
    }
    result.mediaBackMs = Date.now() - droppedAt;
  },

  // A broadcast over an origin and two edges (BroadcastFanOutIT). The host joins while only the origin
  // runs (HOST_READY); once told GO the viewers join, land on the edges, and all must decode the host,
  // who sees them all (READY). The JUnit side then kills one edge and names its viewers (KILLED a,b):
  // they must come back and decode again, while the other edge's viewers never stop decoding. Then
  // RECOVERED: the JUnit side reads where everyone is and answers DONE.
  async broadcast() {
    const host = await open(options.hostToken);
    const published = await until(host, s => s.local.length >= 2, 10000);
    check('the host publishes camera and microphone', published.ok, published.stats && published.stats.local);
    console.log('HOST_READY');
    await nextLine();
    const viewers = [];
    for (const token of options.viewerTokens) {
      // A join may meet a moment when the edge cannot relay yet (503, retry after 2 s), as an app would retry.
      for (let attempt = 1; ; attempt++) {
        try {
          viewers.push(await open(token, { publish: false }));
          break;
        } catch (e) {
          if (attempt >= 5 || !/ 503 /.test(String(e))) throw e;
          result.joinRetries = (result.joinRetries ?? 0) + 1;
          await sleep(2000);
        }
      }
    }
    result.firstFrameMs = {};
    for (const viewer of viewers) {
      const media = await awaitMedia(viewer, 1);
      check(`${viewer.identity} decodes and hears the host`, media.ok, media.stats);
      result.firstFrameMs[viewer.identity] = media.firstFrameMs && Math.round(media.firstFrameMs);
    }
    const everyone = await until(host, s => viewers.every(v => s.remotes.some(r => r.identity === v.identity)), 10000);
    check('the host sees every viewer join', everyone.ok, everyone.stats && everyone.stats.remotes);
    console.log('READY');
    const killed = (await nextLine()).split(' ')[1].split(',');
    const killedAt = Date.now();
    const movers = viewers.filter(v => killed.includes(v.identity));
    const stayers = viewers.filter(v => !killed.includes(v.identity));
    check('the killed edge had viewers, and the other one too', movers.length > 0 && stayers.length > 0, killed);
    // The other edge's viewers: decoded frames must grow in every 2 s window while the movers recover.
    let watching = true;
    result.longestStallMs = {};
    const watch = (async () => {
      const last = new Map();
      for (const v of stayers) last.set(v.identity, { frames: videoFrames(await stats(v)), at: Date.now() });
      while (watching) {
        await sleep(500);
        for (const v of stayers) {
          const frames = videoFrames(await stats(v));
          const seen = last.get(v.identity);
          if (frames > seen.frames) last.set(v.identity, { frames, at: Date.now() });
          result.longestStallMs[v.identity] = Math.max(result.longestStallMs[v.identity] ?? 0, Date.now() - last.get(v.identity).at);
        }
      }
    })();
    result.recoveryMs = {};
    for (const mover of movers) {
      const back = await until(mover, s => eventsOf(s, 'reconnected').length >= 1 && s.state === 'connected'
        && eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= 2 && decodingVideos(s) >= 1, 60000);
      result.recoveryMs[mover.identity] = Date.now() - killedAt;
      check(`${mover.identity} joins again and decodes the host`, back.ok, back.stats && back.stats.events);
    }
    for (const mover of movers) {
      const before = videoFrames(await stats(mover));
      await sleep(1000);
      check(`${mover.identity} keeps decoding after recovering`, videoFrames(await stats(mover)) > before);
    }
    watching = false;
    await watch;
    for (const v of stayers) check(`${v.identity} on the surviving edge never stopped decoding`, result.longestStallMs[v.identity] < 2000, result.longestStallMs);
    const back = await until(host, s => movers.every(m => s.remotes.some(r => r.identity === m.identity)), 10000);
    check('the host sees the recovered viewers', back.ok, back.stats && back.stats.remotes);
    // Everyone leaves when this script ends: the JUnit side reads where the viewers are before (DONE).
    console.log('RECOVERED');
    await nextLine();
  },

  // The room's worker is killed when this prints READY (WorkerFailoverIT): both rooms must come back
  // on the other worker with media both ways. Answers the time from READY to media back.
  async failover() {
    await scenarios.serverDrop();
  },

  // The worker closes a's peer connections but not its socket (CMD drop, SdkMediaLossTests): a's
  // SDK sees the connection fail, joins again and both get media back.
  async mediaLoss() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    check('a receives b before', (await awaitMedia(a, 1)).ok);
    check('b receives a before', (await awaitMedia(b, 1)).ok);
    const droppedAt = Date.now();
    console.log('CMD drop ' + JSON.stringify({ identity: a.identity }));
    const back = await until(a, s => eventsOf(s, 'reconnected').length === 1 && s.state === 'connected'
      && eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= 2 && decodingVideos(s) >= 1, 40000);
    check('a notices, rejoins and decodes b again', back.ok, back.stats && back.stats.events);
    const bBack = await until(b, s => eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= 2 && decodingVideos(s) >= 1, 10000);
    check('b decodes a again', bBack.ok, bBack.stats && bBack.stats.events);
    result.mediaBackMs = Date.now() - droppedAt;
    result.lossLog = back.stats && eventsOf(back.stats, 'log').map(e => e.message).slice(0, 3);
  },

  // a is in a network namespace (options.netns), b on the host; both publish and decode each other.
  // For each of options.phases the JUnit side impairs a's link (CMD impair) and this side measures a
  // window of decoding both ways; then CMD outage cuts a's link for options.outageMs (0: no outage) and
  // this side times how long after the link came back both decode again (and whether the SDK reconnected).
  async impaired() {
    const a = await open(options.tokens[0], { netns: options.netns });
    const b = await open(options.tokens[1]);
    check('a receives b before', (await awaitMedia(a, 1)).ok);
    check('b receives a before', (await awaitMedia(b, 1)).ok);
    const video = (s) => s.inbound.filter(i => i.kind === 'video').reduce((sum, i) => ({
      frames: sum.frames + (i.framesDecoded ?? 0), freezes: sum.freezes + (i.freezeCount ?? 0),
      frozenS: sum.frozenS + (i.totalFreezesDuration ?? 0), lost: sum.lost + (i.packetsLost ?? 0), received: sum.received + (i.packetsReceived ?? 0),
    }), { frames: 0, freezes: 0, frozenS: 0, lost: 0, received: 0 });
    const windowMs = options.windowMs ?? 10000;
    result.phases = [];
    for (const phase of options.phases) {
      console.log('CMD impair ' + JSON.stringify(phase));
      await sleep(options.settleMs ?? 2000);
      const before = await Promise.all([a, b].map(async e => video(await stats(e))));
      await sleep(windowMs);
      const after = await Promise.all([a, b].map(async e => video(await stats(e))));
      const figures = ['a', 'b'].map((who, i) => {
        const frames = after[i].frames - before[i].frames, received = after[i].received - before[i].received;
        const lost = after[i].lost - before[i].lost;
        return { who, fps: +(frames / (windowMs / 1000)).toFixed(1), freezes: after[i].freezes - before[i].freezes,
          frozenMs: Math.round((after[i].frozenS - before[i].frozenS) * 1000),
          lossPercent: received + lost > 0 ? +(100 * lost / (received + lost)).toFixed(1) : null };
      });
      result.phases.push({ ...phase, a: figures[0], b: figures[1] });
      // "Keeps decoding": at least a third of the camera's 15 fps on average, both ways: what a receives
      // is repaired by the worker's answers to a's NACKs, what a publishes by the worker's NACKs to a
      // (docs/reliability.md).
      for (const f of figures) check(`${phase.name}: ${f.who} keeps decoding`, f.fps >= 5, f);
    }
    console.log('CMD impair ' + JSON.stringify({ name: 'clear', loss: 0, delayMs: 0 }));
    if (options.outageMs === 0) return;
    const reconnectsBefore = eventsOf(await stats(a), 'reconnected').length;
    const outageMs = options.outageMs ?? 5000;
    console.log('CMD outage ' + JSON.stringify({ ms: outageMs }));
    const liftedAt = Date.now() + outageMs;
    await sleep(outageMs);
    const growing = async (entry, limitMs) => {
      for (const deadline = Date.now() + limitMs; Date.now() < deadline;) {
        const first = video(await stats(entry)).frames;
        await sleep(300);
        const s = await stats(entry);
        if (s.state === 'connected' && video(s).frames > first && decodingVideos(s) >= 1) return true;
      }
      return false;
    };
    const aBack = await growing(a, 40000);
    const aBackMs = Date.now() - liftedAt;
    const bBack = await growing(b, 20000);
    const bBackMs = Date.now() - liftedAt;
    check('after the outage a decodes b again', aBack);
    check('after the outage b decodes a again', bBack);
    const events = eventsOf(await stats(a), 'reconnecting').length + '/' + eventsOf(await stats(a), 'reconnected').length;
    result.outage = { outageMs, aBackMs, bBackMs, recoveryMs: Math.max(aBackMs, bBackMs),
      reconnected: eventsOf(await stats(a), 'reconnected').length > reconnectsBefore, reconnectingReconnected: events,
      log: eventsOf(await stats(a), 'log').map(e => e.message).slice(-3) };
  },

  // a publishes camera and microphone (Chromium's fake microphone beeps), b its camera only: both
  // pages hear from the worker that a, and only a, is speaking.
  async speakers() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1], { publish: 'camera' });
    const startedAt = Date.now();
    const named = (s) => s.speakers.length === 1 && s.speakers[0] === a.identity;
    const seenByA = await until(a, s => named(s) && s.self.isSpeaking && s.self.audioLevel > 0, 15000);
    const seenByB = await until(b, s => named(s) && s.remotes.some(r => r.identity === a.identity && r.isSpeaking && r.audioLevel > 0)
      && !s.self.isSpeaking, 15000);
    result.firstSpeakerMs = Date.now() - startedAt;
    check('a hears that it is the active speaker', seenByA.ok, seenByA.stats && { speakers: seenByA.stats.speakers, self: seenByA.stats.self });
    check('b hears that a is the active speaker and b is not', seenByB.ok,
      seenByB.stats && { speakers: seenByB.stats.speakers, self: seenByB.stats.self, remotes: seenByB.stats.remotes });
    await sleep(3000);
    const later = await stats(b);
    const events = eventsOf(later, 'activeSpeakers');
    check('b is never named a speaker', events.every(e => !e.identities.includes(b.identity)), events);
    check('a stays the speaker', named(later), later.speakers);
    result.speakerEvents = events.length;
    result.levels = events.map(e => e.levels[0]).filter(l => l !== undefined);
    // a mutes its microphone: the room hears that nobody speaks.
    await a.tab.evaluate(() => window.sdk.setMuted('microphone', true));
    const silent = await until(b, s => s.speakers.length === 0 && s.remotes.every(r => !r.isSpeaking), 8000);
    check('after a mutes, nobody is speaking', silent.ok, silent.stats && silent.stats.speakers);
  },

  // a publishes camera and microphone, b its camera only, in a worker that leaves silence out from one
  // subscriber on (the JUnit side's profile). a mutes its microphone for 4 s (the SDK disables the
  // track, so Chromium sends digital silence, RFC 6464 level 127, 50 packets a second): b gets only the
  // first 200 ms of it. Then a unmutes and b hears the beeps again with no packet counted lost (the
  // worker closed the sequence gap), and b's decoder played on through the gap.
  async silence() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1], { publish: 'camera' });
    check('b decodes and hears a', (await awaitMedia(b, 1)).ok);
    const audioOf = (s) => s.inbound.find(i => i.kind === 'audio') ?? {};
    const before = audioOf(await stats(b));
    const startedAt = Date.now();
    await a.tab.evaluate(() => window.sdk.setMuted('microphone', true));
    await sleep(4000);
    const muted = audioOf(await stats(b));
    const mutedSeconds = (Date.now() - startedAt) / 1000;
    await a.tab.evaluate(() => window.sdk.setMuted('microphone', false));
    const heard = await until(b, s => audioOf(s).totalAudioEnergy > muted.totalAudioEnergy + 0.01, 8000);
    await sleep(2000);
    const after = audioOf(await stats(b));
    const seconds = (Date.now() - startedAt) / 1000;
    const audio = {
      mutedPacketsPerSecond: (muted.packetsReceived - before.packetsReceived) / mutedSeconds,
      packetsPerSecond: (after.packetsReceived - before.packetsReceived) / seconds,
      lost: [before.packetsLost, muted.packetsLost, after.packetsLost],
      samplesPerSecond: (after.totalSamplesReceived - before.totalSamplesReceived) / seconds,
      energy: [before.totalAudioEnergy, muted.totalAudioEnergy, after.totalAudioEnergy],
    };
    result.audio = audio;
    check('while a is muted b gets little of its 50 packets a second', audio.mutedPacketsPerSecond < 10, audio);
    check('b hears a again once it unmutes', heard.ok, audio);
    check("b's browser counts no audio packet lost across the gap", after.packetsLost === before.packetsLost, audio);
    check("b's decoder played on through the gap (48,000 samples a second)", audio.samplesPerSecond > 43000, audio);
  },

  // a is in a network namespace (options.netns), b on the host. With a clean link both are
  // excellent or good; when the JUnit side puts 10 % loss on a's link (CMD impair) the room hears
  // a is poor (or lost) while b stays good; lifting it brings a back.
  async quality() {
    const a = await open(options.tokens[0], { netns: options.netns });
    const b = await open(options.tokens[1]);
    check('a receives b', (await awaitMedia(a, 1)).ok);
    check('b receives a', (await awaitMedia(b, 1)).ok);
    const qualityOf = (s, identity) => identity === s.self.identity ? s.self.connectionQuality
      : (s.remotes.find(r => r.identity === identity) || {}).connectionQuality;
    const fine = (q) => q === 'excellent' || q === 'good';
    const clean = await until(b, s => fine(qualityOf(s, a.identity)) && fine(qualityOf(s, b.identity)), 15000);
    check('on a clean link both are excellent or good', clean.ok, clean.stats && { self: clean.stats.self, remotes: clean.stats.remotes });
    result.clean = clean.stats && { a: qualityOf(clean.stats, a.identity), b: qualityOf(clean.stats, b.identity) };
    console.log('CMD impair ' + JSON.stringify({ loss: options.loss ?? 10, delayMs: 0 }));
    const impairedAt = Date.now();
    const bad = (q) => q === 'poor' || q === 'lost';
    const poor = await until(b, s => bad(qualityOf(s, a.identity)), 30000);
    result.poorAfterMs = Date.now() - impairedAt;
    check('b hears that a is poor', poor.ok, poor.stats && poor.stats.remotes);
    const selfPoor = await until(a, s => bad(s.self.connectionQuality), 10000);
    check('a hears that it is poor', selfPoor.ok, selfPoor.stats && selfPoor.stats.self);
    await sleep(4000);
    const during = await stats(b);
    result.impaired = { a: qualityOf(during, a.identity), b: qualityOf(during, b.identity) };
    check('b stays excellent or good meanwhile', fine(qualityOf(during, b.identity)), eventsOf(during, 'connectionQuality'));
    console.log('CMD impair ' + JSON.stringify({ loss: 0, delayMs: 0 }));
    const clearedAt = Date.now();
    const back = await until(b, s => fine(qualityOf(s, a.identity)), 30000);
    result.backAfterMs = Date.now() - clearedAt;
    check('a is good again once the loss is lifted', back.ok, back.stats && back.stats.remotes);
    result.events = eventsOf(await stats(b), 'connectionQuality').map(e => e.identity + ':' + e.quality);
  },

  // a publishes, c only listens (publish: false). c hears a's quality and its own; a hears its own and
  // never c's: the room hears the qualities of those who publish, not of everyone (a broadcast's
  // viewers would each be sent every other viewer's).
  async listenerQuality() {
    const a = await open(options.tokens[0]);
    const c = await open(options.tokens[1], { publish: false });
    check('c receives a', (await awaitMedia(c, 1)).ok);
    const qualityOf = (s, identity) => identity === s.self.identity ? s.self.connectionQuality
      : (s.remotes.find(r => r.identity === identity) || {}).connectionQuality;
    const fine = (q) => q === 'excellent' || q === 'good';
    const heard = await until(c, s => fine(qualityOf(s, a.identity)) && fine(s.self.connectionQuality), 15000);
    check('c hears a\'s quality and its own', heard.ok, heard.stats && { self: heard.stats.self, remotes: heard.stats.remotes });
    const own = await until(a, s => fine(s.self.connectionQuality), 15000);
    check('a hears its own quality', own.ok, own.stats && own.stats.self);
    // Past a repeat of the room's latest frame (every 4 s) and two evaluations (every 2 s).
    await sleep(5000);
    const later = await stats(a);
    result.listenerSeenByA = qualityOf(later, c.identity);
    check('a is never told c\'s quality', qualityOf(later, c.identity) === 'unknown'
      && eventsOf(later, 'connectionQuality').every(e => e.identity !== c.identity), eventsOf(later, 'connectionQuality'));
    result.events = eventsOf(await stats(c), 'connectionQuality').map(e => e.identity + ':' + e.quality);
  },

  // Tokens of 60 s (options.tokens[0] and [2]) outlive nothing: the call goes on past their expiry.
  // a has a refreshToken (answering options.freshToken): it is called at half the token's life and
  // a rejoin after the expiry succeeds; c has none: it is told tokenExpiring, and its rejoin after
  // the expiry (and room-service's 30 s of skew) is refused (invalid token) and ends the room.
  async tokenExpiry() {
    const a = await open(options.tokens[0], { freshToken: options.freshToken });
    const b = await open(options.tokens[1]);
    const c = await open(options.tokens[2], { publish: false });
    check('a receives b', (await awaitMedia(a, 1)).ok);
    const refreshed = await until(a, s => eventsOf(s, 'refreshToken').length === 1, 45000);
    check('a\'s refreshToken is called before its token expires', refreshed.ok, refreshed.stats && refreshed.stats.events.filter(e => e.name !== 'log'));
    const told = await until(c, s => eventsOf(s, 'tokenExpiring').length === 1, 45000);
    check('c, without refreshToken, is told its token expires', told.ok, told.stats && told.stats.events.filter(e => e.name !== 'log'));
    const expiresAt = told.ok ? eventsOf(told.stats, 'tokenExpiring')[0].expiresAt : Date.now() + 35000;
    await sleep(Math.max(0, expiresAt - Date.now()) + 3000);
    const after = await awaitMedia(b, 1);
    check('past the expiry the call goes on: b decodes a', after.ok, after.stats && after.stats.inbound);
    const cStill = await awaitMedia(c, 2);
    check('and c still decodes a and b', cStill.ok, cStill.stats && cStill.stats.inbound);
    await a.tab.evaluate(() => window.sdk.dropSignal());
    const back = await until(a, s => eventsOf(s, 'reconnected').length === 1 && s.state === 'connected');
    check('a rejoins after the expiry with the fresh token', back.ok, back.stats && back.stats.events.filter(e => e.name !== 'log'));
    const media = await until(b, s => eventsOf(s, 'trackSubscribed').filter(e => e.identity === a.identity && e.kind === 'video').length >= 2 && decodingVideos(s) >= 1);
    check('b decodes a again', media.ok, media.stats && media.stats.events.filter(e => e.name !== 'log'));
    // room-service allows 30 s of clock skew on exp.
    await sleep(Math.max(0, expiresAt + 32000 - Date.now()));
    await c.tab.evaluate(() => window.sdk.dropSignal());
    const ended = await until(c, s => s.state === 'disconnected', 15000);
    const disconnected = ended.stats && eventsOf(ended.stats, 'disconnected')[0];
    check('c\'s rejoin with its expired token is refused and ends the room', ended.ok && disconnected && disconnected.reason === 'reconnect-failed'
      && /invalid-token|unauthenticated/.test(disconnected.error ?? ''), ended.stats && ended.stats.events.filter(e => e.name !== 'log'));
  },

  // The signaling socket drops: the room rejoins through room-service, republishes and resubscribes.
  async reconnect() {
    const a = await open(options.tokens[0]);
    const b = await open(options.tokens[1]);
    check('a receives b before', (await awaitMedia(a, 1)).ok);
    check('b receives a before', (await awaitMedia(b, 1)).ok);
    const droppedAt = Date.now();
    await a.tab.evaluate(() => window.sdk.dropSignal());
    const back = await until(a, s => eventsOf(s, 'reconnecting').length === 1 && eventsOf(s, 'reconnected').length === 1 && s.state === 'connected');
    check('a goes reconnecting then reconnected', back.ok, back.stats && back.stats.events);
    const videoBack = (s, sinceSubscribed) => eventsOf(s, 'trackSubscribed').filter(e => e.kind === 'video').length >= sinceSubscribed;
    const aMedia = await until(a, s => videoBack(s, 2) && decodingVideos(s) >= 1 && audibleAudios(s) >= 1);
    const bMedia = await until(b, s => videoBack(s, 2) && decodingVideos(s) >= 1 && audibleAudios(s) >= 1);
    result.mediaBackMs = Date.now() - droppedAt;
    check('a decodes b again', aMedia.ok, aMedia.stats);
    check('b decodes a again (republished)', bMedia.ok, bMedia.stats);
    check('a keeps b in its roster', aMedia.stats && aMedia.stats.remotes.length === 1, aMedia.stats && aMedia.stats.remotes);
  },
};

try {
  if (!scenarios[options.scenario]) throw new Error('unknown scenario ' + options.scenario);
  await scenarios[options.scenario]();
  result.ok = result.failures.length === 0;
} catch (e) {
  result.failures.push(String(e && e.stack || e));
} finally {
  if (options.scenario.startsWith('p2p')) {
    result.logs = {};
    for (const entry of entries) {
      const s = await stats(entry).catch(() => null);
      if (s) result.logs[entry.identity] = eventsOf(s, 'log').map(e => `${Math.round(e.at)} ${e.message}`).slice(0, 60);
    }
  }
  for (const entry of entries) await entry.tab.evaluate(() => window.sdk.leave()).catch(() => {});
  for (const browser of browsers.values()) await browser.close().catch(() => {});
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
