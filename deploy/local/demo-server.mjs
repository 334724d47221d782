// The demo meeting app of the single-machine platform: serves sdk-js/demo and the SDK bundle, and
// mints room tokens for it with the demo tenant's API key, which stays here and never reaches the
// browser (a customer's back end plays this part in a real app). Listens on 127.0.0.1 only.
// Environment: CPAAS_DEMO_PORT (8088), CPAAS_ROOM_URL, CPAAS_DEMO_KEY ("keyId:secret").
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sdk-js');
const port = Number(process.env.CPAAS_DEMO_PORT || 8088);
const roomUrl = (process.env.CPAAS_ROOM_URL || 'http://127.0.0.1:8082').replace(/\/+$/, '');
const key = process.env.CPAAS_DEMO_KEY;
if (!key || !key.includes(':')) {
  console.error('demo-server: set CPAAS_DEMO_KEY to the demo API key (keyId:secret)');
  process.exit(2);
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json', '.css': 'text/css' };
const ROOM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

async function readJson(req) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 4096) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

// POST /demo/token {room, name} -> {token, roomUrl}: a token for a fresh identity derived from the name.
async function mint(req, res) {
  let body;
  try {
    body = await readJson(req);
  } catch {
    return send(res, 400, { title: 'Send JSON: {"room": "...", "name": "..."}' });
  }
  const room = String(body.room ?? '');
  const name = String(body.name ?? '').trim().slice(0, 64) || 'guest';
  if (!ROOM.test(room)) return send(res, 400, { title: 'A room name is 1 to 64 letters, digits, dots, dashes or underscores' });
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'guest';
  const identity = `${slug}-${randomBytes(3).toString('hex')}`;
  const answer = await fetch(`${roomUrl}/v1/rooms/${encodeURIComponent(room)}/tokens`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(key).toString('base64'), 'content-type': 'application/json' },
    body: JSON.stringify({ identity, name, ttl: 3600 }),
  }).catch((e) => ({ ok: false, status: 503, json: async () => ({ title: 'room-service is not reachable: ' + e.message }) }));
  const json = await answer.json().catch(() => ({}));
  if (!answer.ok) return send(res, answer.status, json);
  return send(res, 200, { token: json.token, roomUrl, identity });
}

async function file(res, path) {
  const full = normalize(join(root, path));
  if (!full.startsWith(join(root, 'demo') + sep) && !full.startsWith(join(root, 'dist') + sep)) return send(res, 404, { title: 'Not found' });
  try {
    return send(res, 200, await readFile(full), types[extname(full)] || 'application/octet-stream');
  } catch {
    return send(res, 404, { title: 'Not found' });
  }
}

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(302, { location: '/demo/' + url.search });
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/demo/config.json') return send(res, 200, { roomUrl, tokens: 'token' });
    if (req.method === 'POST' && url.pathname === '/demo/token') return await mint(req, res);
    if (req.method === 'GET' && url.pathname === '/demo/') return await file(res, 'demo/index.html');
    if (req.method === 'GET' && (url.pathname.startsWith('/demo/') || url.pathname.startsWith('/dist/'))) {
      return await file(res, decodeURIComponent(url.pathname.slice(1)));
    }
    return send(res, 404, { title: 'Not found' });
  } catch (e) {
    return send(res, 500, { title: 'demo server error: ' + e.message });
  }
}).listen(port, '127.0.0.1', () => console.log(`demo meeting app on http://127.0.0.1:${port}/ (room-service ${roomUrl})`));
