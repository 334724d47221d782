// Runs a call in real Chromium against a worker: each participant joins through room-service,
// publishes the fake camera and microphone, and must decode every other participant's video and
// hear their audio. Prints one JSON result line; exits 0 when every expectation held.
// Usage: node call.mjs '<json>'  with {roomUrl, tokens: [..], lateToken?, timeoutMs?, leaveLast?,
//   videoCodec?: {mimeType, fmtp?: [..]} (publishers prefer it), subscriberRtx? (false: subscribers refuse RTX),
//   video?: {width, height, frameRate} (the fake camera; 320x240 at 15 fps by default),
//   quality?: {ms, minBitrate} (then watch RTCP-driven stats for up to ms; see watchQuality),
//   watchFrames?: {ms} (then sample every received video stream's framesDecoded for ms; see watchFrames)}
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launchChromium } from './launch-chromium.mjs';

const options = JSON.parse(process.argv[2]);
const timeoutMs = options.timeoutMs ?? 20000;
const here = dirname(fileURLToPath(import.meta.url));
const page = readFileSync(join(here, 'client.html'));

const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); });
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;

const browser = await launchChromium();

const result = { ok: false, participants: [], failures: [] };
const deadline = (ms) => Date.now() + ms;
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));

async function open(token) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  tab.on('console', msg => { if (msg.type() === 'error') result.failures.push('console: ' + msg.text()); });
  await tab.goto(pageUrl);
  const joinedAt = Date.now();
  const participant = await tab.evaluate(args => window.cpaas.start(args), { roomUrl: options.roomUrl, token,
    videoCodec: options.videoCodec ?? null, subscriberRtx: options.subscriberRtx ?? true, video: options.video ?? null });
  return { tab, context, participant, joinedAt };
}

// Waits until the tab decodes video from `remotes` streams and hears audio from as many; answers ms to the first frame.
async function awaitMedia(entry, remotes, limitMs) {
  const until = deadline(limitMs);
  let firstFrameAt = null;
  let last = null;
  while (Date.now() < until) {
    const stats = await entry.tab.evaluate(() => window.cpaas.stats());
    const videos = stats.inbound.filter(s => s.kind === 'video' && s.framesDecoded > 0);
    const audios = stats.inbound.filter(s => s.kind === 'audio' && s.totalAudioEnergy > 0);
    if (videos.length > 0 && firstFrameAt === null) firstFrameAt = Date.now();
    last = stats;
    if (videos.length >= remotes && audios.length >= remotes) {
      return { ok: true, firstFrameMs: firstFrameAt - entry.joinedAt, stats };
    }
    await sleep(100);
  }
  return { ok: false, firstFrameMs: firstFrameAt && firstFrameAt - entry.joinedAt, stats: last };
}

// How many remote video streams decode new frames after now; waits (up to 8 s) for `remotes` of them.
async function framesGrowing(entry, remotes) {
  const frames = (stats) => Object.fromEntries(stats.inbound.filter(s => s.kind === 'video').map(s => [s.ssrc, s.framesDecoded]));
  const before = frames(await entry.tab.evaluate(() => window.cpaas.stats()));
  let growing = 0;
  for (const until = deadline(8000); Date.now() < until && growing < remotes;) {
    await sleep(500);
    const now = frames(await entry.tab.evaluate(() => window.cpaas.stats()));
    growing = Object.keys(now).filter(ssrc => (now[ssrc] ?? 0) > (before[ssrc] ?? 0)).length;
  }
  return growing;
}

// Watches, for `ms`, what only RTCP from the worker makes appear: sender reports (subscriber's
// remote-outbound-rtp), receiver reports (publisher's remote-inbound-rtp with a round-trip time) and the
// publisher's bandwidth estimate. Without feedback Chromium's estimate decays by a fifth every second or so,
// so what counts is where it stands at the end: `settled*` are the lowest values of the last `settleMs`.
async function watchQuality(entries, { ms = 10000, settleMs = 3000 }) {
  const watched = entries.map(entry => ({ identity: entry.participant.identity, series: [], last: null }));
  for (const until = deadline(ms); Date.now() < until;) {
    for (let i = 0; i < entries.length; i++) {
      const q = await entries[i].tab.evaluate(() => window.cpaas.quality());
      const target = Math.max(0, ...q.outbound.filter(o => o.kind === 'video').map(o => o.targetBitrate ?? 0));
      watched[i].series.push([Date.now() - entries[i].joinedAt, q.availableOutgoingBitrate ?? 0, target]);
      watched[i].last = q;
    }
    await sleep(500);
  }
  for (const w of watched) {
    const end = w.series[w.series.length - 1][0];
    const settled = w.series.filter(([at]) => at >= end - settleMs);
    w.settledAvailableOutgoingBitrate = Math.min(...settled.map(s => s[1]));
    w.settledTargetBitrate = Math.min(...settled.map(s => s[2]));
    w.maxAvailableOutgoingBitrate = Math.max(...w.series.map(s => s[1]));
  }
  return watched;
}

// Samples framesDecoded of every received video stream every 200 ms for `ms`: per participant, the frames
// decoded in that window (fewest of its streams) and the longest time any stream went without a new frame.
async function watchFrames(entries, { ms = 10000 }) {
  const sample = async (entry) => Object.fromEntries((await entry.tab.evaluate(() => window.cpaas.stats())).inbound
    .filter(s => s.kind === 'video').map(s => [s.ssrc, s.framesDecoded ?? 0]));
  const watched = [];
  for (const entry of entries) {
    watched.push({ identity: entry.participant.identity, first: await sample(entry), last: null, lastNewFrameAt: {}, maxStallMs: 0 });
  }
  const startedAt = Date.now();
  for (const w of watched) for (const ssrc of Object.keys(w.first)) w.lastNewFrameAt[ssrc] = startedAt;
  let previous = watched.map(w => w.first);
  for (const until = deadline(ms); Date.now() < until;) {
    await sleep(200);
    for (let i = 0; i < entries.length; i++) {
      const now = await sample(entries[i]);
      const w = watched[i];
      for (const ssrc of Object.keys(now)) {
        if (now[ssrc] > (previous[i][ssrc] ?? 0)) w.lastNewFrameAt[ssrc] = Date.now();
        w.maxStallMs = Math.max(w.maxStallMs, Date.now() - (w.lastNewFrameAt[ssrc] ?? startedAt));
      }
      previous[i] = now;
      w.last = now;
    }
  }
  return watched.map(w => ({ identity: w.identity, maxStallMs: w.maxStallMs, windowMs: ms,
    framesInWindow: Math.min(...Object.keys(w.last).map(ssrc => w.last[ssrc] - (w.first[ssrc] ?? 0))) }));
}

try {
  const entries = [];
  for (const token of options.tokens) entries.push(await open(token));
  const remotes = entries.length - 1;
  for (const entry of entries) {
    const media = await awaitMedia(entry, remotes, timeoutMs);
    const growing = media.ok ? await framesGrowing(entry, remotes) : 0;
    const final = await entry.tab.evaluate(() => window.cpaas.stats());
    result.participants.push({ identity: entry.participant.identity, ok: media.ok && growing >= remotes,
      firstFrameMs: media.firstFrameMs, growingVideoStreams: growing, errors: final.errors, inbound: final.inbound });
  }
  if (options.quality) {
    result.quality = await watchQuality(entries, options.quality);
  }
  if (options.watchFrames) {
    result.frames = await watchFrames(entries, options.watchFrames);
  }
  if (options.lateToken) {
    const late = await open(options.lateToken);
    entries.push(late);
    const media = await awaitMedia(late, entries.length - 1, timeoutMs);
    result.late = { ok: media.ok, firstFrameMs: media.firstFrameMs };
  }
  if (options.leaveLast) {
    const leaver = entries.pop();
    await leaver.tab.evaluate(() => window.cpaas.leave());
    await sleep(1500);
    result.afterLeave = [];
    for (const entry of entries) {
      const stats = await entry.tab.evaluate(() => window.cpaas.stats());
      result.afterLeave.push({ identity: entry.participant.identity,
        sawParticipantLeft: stats.events.includes('participantLeft'), sawTrackUnpublished: stats.events.includes('trackUnpublished') });
    }
  }
  result.ok = result.participants.every(p => p.ok)
    && (!options.lateToken || result.late.ok)
    && (!options.leaveLast || result.afterLeave.every(p => p.sawParticipantLeft && p.sawTrackUnpublished));
} catch (e) {
  result.failures.push(String(e && e.stack || e));
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
