// A browser driven line by line, for tests that act on a call while it runs (room-service's
// participant control): one JSON command per line on stdin, one JSON answer per line on stdout
// ({ok, result} or {ok: false, error}). Participants are tabs of client.html, each in its own context.
// Commands: open {name, roomUrl, token, publish?}; awaitMedia {name, remotes, timeoutMs?};
// stats {name}; awaitMessage {name, type, where?, timeoutMs?}; awaitClose {name, timeoutMs?};
// videoFrames {name}: framesDecoded per received video track sid; send {name, message}: a raw frame; quit.
import http from 'node:http';
import readline from 'node:readline';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { launchChromium } from './launch-chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const page = readFileSync(join(here, 'client.html'));
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); });
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const tabs = new Map();
const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms));
const stats = (name) => tab(name).evaluate(() => window.cpaas.stats());

function tab(name) {
  const found = tabs.get(name);
  if (!found) throw new Error('no participant named ' + name);
  return found;
}

// Polls `probe` every 100 ms until it answers something, for at most timeoutMs.
async function until(timeoutMs, what, probe) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
  }
  throw new Error('timed out after ' + timeoutMs + ' ms waiting for ' + what);
}

const matches = (message, where) => Object.entries(where ?? {}).every(([key, value]) =>
  key.split('.').reduce((node, part) => node?.[part], message) === value);

const commands = {
  async open({ name, roomUrl, token, publish = true }) {
    const context = await browser.newContext();
    const newTab = await context.newPage();
    await newTab.goto(pageUrl);
    tabs.set(name, newTab);
    return await newTab.evaluate(args => window.cpaas.start(args), { roomUrl, token, publish });
  },
  async awaitMedia({ name, remotes, timeoutMs = 20000 }) {
    return until(timeoutMs, name + ' receiving ' + remotes + ' remotes', async () => {
      const s = await stats(name);
      const videos = s.inbound.filter(i => i.kind === 'video' && i.framesDecoded > 0).length;
      const audios = s.inbound.filter(i => i.kind === 'audio' && i.totalAudioEnergy > 0).length;
      return videos >= remotes && audios >= remotes && { videos, audios };
    });
  },
  stats: ({ name }) => stats(name),
  async awaitMessage({ name, type, where, timeoutMs = 5000 }) {
    return until(timeoutMs, name + ' receiving ' + type + ' ' + JSON.stringify(where ?? {}), async () =>
      (await stats(name)).messages.find(m => m.type === type && matches(m, where)));
  },
  async awaitClose({ name, timeoutMs = 5000 }) {
    return until(timeoutMs, name + "'s socket closing", async () => (await stats(name)).closed);
  },
  async send({ name, message }) {
    await tab(name).evaluate(m => window.cpaas.send(m), message);
  },
  async videoFrames({ name }) {
    const s = await stats(name);
    return Object.fromEntries(s.inbound.filter(i => i.kind === 'video' && i.trackSid).map(i => [i.trackSid, i.framesDecoded ?? 0]));
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  if (command.cmd === 'quit') break;
  try {
    const handler = commands[command.cmd];
    if (!handler) throw new Error('unknown command ' + command.cmd);
    console.log(JSON.stringify({ ok: true, result: (await handler(command)) ?? null }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e && e.message || e) }));
  }
}
await browser.close();
server.close();
process.exit(0);
