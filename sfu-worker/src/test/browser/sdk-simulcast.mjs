// Simulcast end to end in real Chromium through the browser SDK (sdk-js/dist/cpaas.min.js on sdk.html):
// a publisher sends its camera in three layers; two subscribers ask for different qualities and decode
// different resolutions; they swap qualities mid-call without a freeze; when both want low, the
// publisher's upper layers stop (dynacast) and come back when wanted. Prints one JSON result line,
// exits 0 when every expectation held. Lines "CMD <name> <json>" ask the Java side to act (read the worker,
// lift a rate limit); it answers with one line on stdin when done.
// Scenario "throttled": the second subscriber's Chromium runs in network namespace `netns`, whose downlink
// the Java side limits to 300 kbit/s: it gets the low layer and keeps decoding while the first gets the
// high one; once the limit is lifted (CMD lift) the high layer is back within 5 s.
// Usage: node sdk-simulcast.mjs '{"roomUrl": ..., "tokens": [publisher, first, second], "scenario"?: "throttled",
//   "netns"?: name, "pageHost"?: the host's address on the namespace's link, "timeoutMs": ...}'
import http from 'node:http';
import readline from 'node:readline';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launchChromium } from './launch-chromium.mjs';

const options = JSON.parse(process.argv[2]);
const timeoutMs = options.timeoutMs ?? 20000;
const here = dirname(fileURLToPath(import.meta.url));
const bundlePath = join(here, '..', '..', '..', '..', 'sdk-js', 'dist', 'cpaas.min.js');
if (!existsSync(bundlePath)) {
  console.log(JSON.stringify({ ok: false, failures: [`${bundlePath} is missing: run (cd sdk-js && npm ci && npm run build) first`] }));
  process.exit(1);
}
const files = { '/': ['text/html', readFileSync(join(here, 'sdk.html'))], '/cpaas.min.js': ['text/javascript', readFileSync(bundlePath)] };
const server = http.createServer((req, res) => {
  const file = files[req.url.split('?')[0]];
  if (!file) { res.writeHead(req.url === '/favicon.ico' ? 204 : 404); res.end(); return; }
  res.writeHead(200, { 'content-type': file[0] });
  res.end(file[1]);
});
await new Promise(resolve => server.listen(0, options.pageHost ? '0.0.0.0' : '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;
const namespacePageUrl = options.pageHost ? `http://${options.pageHost}:${server.address().port}/` : null;
const browser = await launchChromium();
const namespaceBrowser = options.netns
  ? await launchChromium({ netns: options.netns, secureOrigins: [namespacePageUrl.replace(/\/$/, '')] }) : null;
const answers = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** Asks the Java side to do something and waits until it says it is done. */
async function command(name, body = {}) {
  console.log(`CMD ${name} ${JSON.stringify(body)}`);
  await answers.next();
}

const result = { ok: false, failures: [], checks: {} };
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
const check = (name, ok, detail) => { result.checks[name] = ok; if (!ok) result.failures.push(`${name}: ${JSON.stringify(detail ?? null)}`); return ok; };

async function open(token, connectOptions, inNamespace = false) {
  const context = await (inNamespace ? namespaceBrowser : browser).newContext();
  const tab = await context.newPage();
  tab.on('console', msg => { if (msg.type() === 'error') result.failures.push('console: ' + msg.text()); });
  tab.on('pageerror', error => result.failures.push('page: ' + error.message));
  await tab.goto(inNamespace ? namespacePageUrl : pageUrl);
  const joined = await tab.evaluate(args => window.sdk.connect(args), { roomUrl: options.roomUrl, token, ...connectOptions });
  return { tab, context, identity: joined.identity };
}

const stats = (entry) => entry.tab.evaluate(() => window.sdk.stats());
const video = (s) => s.inbound.find(i => i.kind === 'video' && i.framesDecoded > 0);
const layerBytes = (s) => Object.fromEntries(s.outbound.filter(o => o.kind === 'video').map(o => [o.rid, o.bytesSent]));

/** Polls `probe` (async, answers {ok, ...}) until ok or `limitMs`; answers the last probe and the time it took. */
async function until(probe, limitMs = timeoutMs) {
  const started = Date.now();
  let last = null;
  while (Date.now() - started < limitMs) {
    last = await probe();
    if (last.ok) return { ...last, tookMs: Date.now() - started };
    await sleep(200);
  }
  return { ...last, ok: false, tookMs: Date.now() - started };
}

/** Both subscribers' decoded video: width, height and frames. */
async function both(first, second) {
  const [a, b] = await Promise.all([stats(first), stats(second)]);
  const va = video(a) ?? {}, vb = video(b) ?? {};
  return { first: { width: va.frameWidth ?? 0, height: va.frameHeight ?? 0, frames: va.framesDecoded ?? 0 },
    second: { width: vb.frameWidth ?? 0, height: vb.frameHeight ?? 0, frames: vb.framesDecoded ?? 0 } };
}

/** Samples frames of both subscribers every 200 ms while `during` runs: answers the longest time each went without a new frame. */
async function longestStalls(first, second, during) {
  const stall = { first: 0, second: 0 };
  const last = { first: null, second: null };
  let running = true;
  const sampler = (async () => {
    while (running) {
      const now = Date.now();
      const view = await both(first, second);
      for (const who of ['first', 'second']) {
        if (last[who] === null || view[who].frames > last[who].frames) last[who] = { frames: view[who].frames, at: now };
        stall[who] = Math.max(stall[who], now - last[who].at);
      }
      await sleep(200);
    }
  })();
  try {
    return { value: await during(), stall };
  } finally {
    running = false;
    await sampler;
  }
}

const setQuality = (entry, publisher, quality) =>
  entry.tab.evaluate(({ identity, quality }) => window.sdk.setVideoQuality(identity, 'camera', quality), { identity: publisher.identity, quality });

/** Samples both subscribers for `ms`: the widths each decoded (counted per sample) and the frames decoded. */
async function observe(first, second, ms) {
  const widths = { first: {}, second: {} };
  const start = await both(first, second);
  for (const end = Date.now() + ms; Date.now() < end;) {
    const v = await both(first, second);
    for (const who of ['first', 'second']) widths[who][v[who].width] = (widths[who][v[who].width] ?? 0) + 1;
    await sleep(500);
  }
  const last = await both(first, second);
  return { widths, framesFirst: last.first.frames - start.first.frames, framesSecond: last.second.frames - start.second.frames, last };
}

async function throttled() {
  const publisher = await open(options.tokens[0], { publish: true, video: { width: 960, height: 540, frameRate: 15 } });
  const first = await open(options.tokens[1], { publish: false });
  const second = await open(options.tokens[2], { publish: false }, true);
  const decoding = await until(async () => { const v = await both(first, second); return { ok: v.first.frames > 0 && v.second.frames > 0, v }; }, 30000);
  check('both subscribers decode the publisher', decoding.ok, decoding);
  // What "the low layer" means depends on what the publisher sends: wait until all three layers flow
  // (its own estimate and CPU may hold the upper ones back for a while), then measure each one's bitrate.
  const sending = await until(async () => {
    const before = layerBytes(await stats(publisher));
    await sleep(1000);
    const after = layerBytes(await stats(publisher));
    return { ok: ['q', 'h', 'f'].every(rid => (after[rid] ?? 0) > (before[rid] ?? 0)), before, after };
  }, 30000);
  // Not a check: on a loaded machine Chromium's CPU adaptation keeps the top layer off for a minute;
  // the checks below judge whatever layers it sends by their measured bitrates.
  result.publisherSendsThreeLayers = sending.ok;
  const layers = (await stats(publisher)).outbound.filter(o => o.kind === 'video');
  result.publisherLayers = layers;
  const lowWidth = Math.min(...layers.map(l => l.frameWidth ?? Infinity));
  // Let the estimate settle behind the limit, then watch for 10 s.
  const settled = await until(async () => { const v = await both(first, second); return { ok: v.second.width > 0 && v.second.width <= lowWidth, v }; }, 30000);
  check('the throttled subscriber comes down to the low layer', settled.ok, { settled, lowWidth });
  const bytesBefore = { at: Date.now(), bytes: layerBytes(await stats(publisher)) };
  const watched = await observe(first, second, 10000);
  const publisherNow = await stats(publisher);
  const seconds = (Date.now() - bytesBefore.at) / 1000;
  // Each layer's width and its bitrate over the watch, kbit/s.
  const layerRates = publisherNow.outbound.filter(o => o.kind === 'video' && o.frameWidth).map(o => ({ rid: o.rid, width: o.frameWidth,
    kbps: Math.round(((o.bytesSent ?? 0) - (bytesBefore.bytes[o.rid] ?? 0)) * 8 / seconds / 1000) }));
  result.throttled = { settleMs: settled.tookMs, lowWidth, layerRates, ...watched };
  const samples = (w) => Object.values(w).reduce((a, b) => a + b, 0);
  const count = (w, keep) => Object.entries(w).filter(([width]) => keep(Number(width))).reduce((a, [, n]) => a + n, 0);
  const rateOf = (width) => layerRates.find(l => l.width === width)?.kbps ?? Infinity;
  const limitKbps = 300;
  // The throttled one decodes a layer that fits the link: the low one, unless the publisher's middle
  // layer happens to send under the limit too. The estimator tries the next layer now and then (the
  // link's delay takes it back), so most samples, not all; never a layer sending twice the limit.
  check('behind 300 kbit/s it decodes a layer that fits the link (the low one unless another fits) in at least 60 % of the samples',
    count(watched.widths.second, w => w <= lowWidth || rateOf(w) <= limitKbps) >= 0.6 * samples(watched.widths.second), result.throttled);
  check('and never a layer sending more than twice the limit (the full one)',
    count(watched.widths.second, w => w > lowWidth && rateOf(w) > 2 * limitKbps) === 0, result.throttled);
  check('and keeps decoding (more than 5 frames a second)', watched.framesSecond > 50, result.throttled);
  const above = (w, limit) => Object.entries(w).filter(([width]) => Number(width) > limit).reduce((a, [, n]) => a + n, 0);
  check('the unconstrained subscriber gets a higher layer', above(watched.widths.first, lowWidth) >= 0.8 * samples(watched.widths.first), result.throttled);
  await command('lift');
  const lifted = await until(async () => {
    const v = await both(first, second);
    return { ok: v.second.width > lowWidth && v.second.width >= v.first.width, v };
  }, 20000);
  result.lifted = { tookMs: lifted.tookMs, v: lifted.v };
  check('lifting the limit brings the high layer back within 5 s', lifted.ok && lifted.tookMs <= 5000, result.lifted);
  for (const entry of [first, second, publisher]) await entry.tab.evaluate(() => window.sdk.leave()).catch(() => {});
}

try {
  if (options.scenario === 'throttled') {
    await throttled();
    result.ok = result.failures.length === 0;
    throw null; // done: skip the layers scenario
  }
  const publisher = await open(options.tokens[0], { publish: true, video: { width: 960, height: 540, frameRate: 15 } });
  const first = await open(options.tokens[1], { publish: false });
  const second = await open(options.tokens[2], { publish: false });

  const decoding = await until(async () => { const v = await both(first, second); return { ok: v.first.frames > 0 && v.second.frames > 0, v }; });
  check('both subscribers decode the publisher', decoding.ok, decoding);
  const published = await until(async () => {
    const s = await stats(publisher);
    const layers = s.outbound.filter(o => o.kind === 'video');
    return { ok: layers.length === 3 && layers.every(l => l.bytesSent > 0), layers };
  });
  result.publisherLayers = published.layers;
  check('the publisher sends three layers q, h, f', published.ok && published.layers.map(l => l.rid).sort().join() === 'f,h,q', published.layers);

  // 1. first asks for low, second keeps high: first decodes a smaller picture.
  await setQuality(first, publisher, 'low');
  const split = await until(async () => { const v = await both(first, second); return { ok: v.first.width > 0 && v.first.width < v.second.width, v }; });
  result.lowVersusHigh = split.v;
  check('the low subscriber decodes a smaller frameWidth than the high one', split.ok, split);
  const growing = await (async () => {
    const before = await both(first, second);
    await sleep(2000);
    const after = await both(first, second);
    return { ok: after.first.frames > before.first.frames && after.second.frames > before.second.frames, before, after };
  })();
  check('both keep decoding', growing.ok, growing);

  // 2. They swap qualities mid-call: resolutions swap within a few seconds, neither freezes.
  const swap = await longestStalls(first, second, async () => {
    await Promise.all([setQuality(first, publisher, 'high'), setQuality(second, publisher, 'low')]);
    return until(async () => { const v = await both(first, second); return { ok: v.second.width > 0 && v.second.width < v.first.width, v }; }, 10000);
  });
  result.swap = { tookMs: swap.value.tookMs, after: swap.value.v, longestStallMs: swap.stall };
  check('swapped qualities show within 5 s', swap.value.ok && swap.value.tookMs <= 5000, result.swap);
  check('no freeze while switching (no 1 s without a new frame)', swap.stall.first < 1000 && swap.stall.second < 1000, result.swap);

  // 3. Dynacast: both want low; the publisher's h and f stop, q goes on.
  await setQuality(first, publisher, 'low');
  const paused = await until(async () => {
    const before = layerBytes(await stats(publisher));
    await sleep(1500);
    const after = layerBytes(await stats(publisher));
    return { ok: after.q > before.q && after.h === before.h && after.f === before.f, before, after };
  }, 15000);
  result.dynacastPause = { tookMs: paused.tookMs, before: paused.before, after: paused.after };
  check('when only low is wanted the publisher stops sending h and f', paused.ok, result.dynacastPause);
  const stillDecoding = await (async () => {
    const before = await both(first, second);
    await sleep(1500);
    const after = await both(first, second);
    return { ok: after.first.frames > before.first.frames && after.second.frames > before.second.frames, before, after };
  })();
  check('both keep decoding the low layer while the others are paused', stillDecoding.ok, stillDecoding);

  // 4. first wants high again: h and f come back, and first decodes the larger picture again.
  await setQuality(first, publisher, 'high');
  const resumed = await until(async () => {
    const before = layerBytes(await stats(publisher));
    await sleep(700);
    const after = layerBytes(await stats(publisher));
    const v = await both(first, second);
    return { ok: after.f > before.f && after.h > before.h && v.first.width > v.second.width, before, after, v };
  }, 15000);
  result.dynacastResume = { tookMs: resumed.tookMs, v: resumed.v };
  check('wanted again, the layers come back and the high subscriber decodes the larger picture', resumed.ok, resumed);

  // 5. The worker's downlink estimates of the subscribers (read by the Java side).
  await command('estimates', { identities: [first.identity, second.identity] });

  for (const entry of [first, second, publisher]) await entry.tab.evaluate(() => window.sdk.leave()).catch(() => {});
  result.ok = result.failures.length === 0;
} catch (error) {
  if (error !== null) result.failures.push('script: ' + (error && error.stack || error));
} finally {
  await browser.close().catch(() => {});
  if (namespaceBrowser) await namespaceBrowser.close().catch(() => {});
  server.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
