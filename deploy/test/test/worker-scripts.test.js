// deploy/bin: the worker's launch script (ports, addresses) and its drain hook, run for real
// against a stand-in room-service and a stand-in worker metrics endpoint on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { ROOT, httpPort, properties } from '../lib/project.js';

const LAUNCH = path.join(ROOT, 'deploy/bin/sfu-worker-launch.sh');
const DRAIN = path.join(ROOT, 'deploy/bin/sfu-worker-drain.sh');

function launch(args, env) {
  const run = spawnSync(LAUNCH, args, { encoding: 'utf8', env: { PATH: process.env.PATH, CPAAS_LAUNCH_DRY_RUN: '1', ...env } });
  const vars = Object.fromEntries(run.stdout.split('\n').filter((l) => l.includes('=') && !l.startsWith('exec')).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { ...run, vars };
}

test('worker N gets the ports of deploy/local/up.sh and the application defaults for N=1', () => {
  const one = launch(['1'], { CPAAS_WORKER_PUBLIC_IP: '203.0.113.7' });
  assert.equal(one.status, 0, one.stderr);
  assert.equal(Number(one.vars.QUARKUS_HTTP_PORT), httpPort('sfu-worker'));
  assert.equal(Number(one.vars.CPAAS_WORKER_UDP_PORT), Number(properties('sfu-worker')['cpaas.worker.udp.port']));
  assert.equal(one.vars.CPAAS_WORKER_ANNOUNCED_ADDRESSES, '203.0.113.7:7882');
  assert.equal(one.vars.CPAAS_WORKER_SIGNAL_URL, 'ws://203.0.113.7:8090/rtc');
  assert.equal(one.vars.CPAAS_WORKER_UDP_BIND, '0.0.0.0');
  assert.match(one.stdout, /^exec java .* -jar \/opt\/cpaas\/sfu-worker\/quarkus-run\.jar$/m);
  const two = launch(['2'], { CPAAS_WORKER_PUBLIC_IP: '203.0.113.7', CPAAS_WORKER_ID: 'w2',
    CPAAS_WORKER_SIGNAL_URL_TEMPLATE: 'wss://{ip_dashed}.media.example.com/w{index}/rtc' });
  assert.deepEqual([two.vars.QUARKUS_HTTP_PORT, two.vars.CPAAS_WORKER_UDP_PORT, two.vars.CPAAS_WORKER_ID], ['8091', '7883', 'w2']);
  assert.equal(two.vars.CPAAS_WORKER_SIGNAL_URL, 'wss://203-0-113-7.media.example.com/w2/rtc');
});

test('a worker with no address to announce refuses to start', () => {
  const run = launch(['1'], {});
  assert.equal(run.status, 2);
  assert.match(run.stderr, /CPAAS_WORKER_PUBLIC_IP/);
  assert.equal(launch(['x'], { CPAAS_WORKER_PUBLIC_IP: '203.0.113.7' }).status, 2);
});

/** Starts a stand-in room-service and worker metrics; returns their ports and what they saw. */
async function standIns({ drainStatus = 204, participants = [0] }) {
  const seen = { drains: [], metricsReads: 0 };
  const room = http.createServer((req, res) => {
    seen.drains.push({ method: req.method, url: req.url, secret: req.headers['x-cluster-secret'] });
    res.writeHead(drainStatus).end();
  });
  const worker = http.createServer((req, res) => {
    const n = participants[Math.min(seen.metricsReads++, participants.length - 1)];
    res.writeHead(200, { 'content-type': 'text/plain' })
      .end(`# TYPE cpaas_worker_participants gauge\ncpaas_worker_participants ${n}.0\ncpaas_worker_rooms 1.0\n`);
  });
  await Promise.all([room, worker].map((s) => new Promise((r) => s.listen(0, '127.0.0.1', r))));
  return {
    seen,
    roomPort: room.address().port,
    workerPort: worker.address().port,
    close: () => Promise.all([room, worker].map((s) => new Promise((r) => s.close(r)))),
  };
}

function drain(env) {
  return new Promise((resolve) => {
    const started = Date.now();
    execFile(DRAIN, [], { env: { PATH: process.env.PATH, CPAAS_DRAIN_POLL: '0.05', ...env }, timeout: 20000 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stderr, ms: Date.now() - started });
    });
  });
}

test('drain: asks room-service with the cluster secret, then waits for the last participant', async () => {
  const s = await standIns({ participants: [3, 2, 1, 0, 0] });
  try {
    const run = await drain({ CPAAS_ROOM_URL: `http://127.0.0.1:${s.roomPort}`, CPAAS_CLUSTER_SECRET: 'test-secret',
      CPAAS_WORKER_ID: 'node-a-worker', QUARKUS_HTTP_PORT: String(s.workerPort) });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(s.seen.drains, [{ method: 'POST', url: '/internal/v1/workers/node-a-worker/drain', secret: 'test-secret' }]);
    assert.equal(s.seen.metricsReads, 5, 'read until empty twice in a row');
    assert.match(run.stderr, /no participants left/);
  } finally {
    await s.close();
  }
});

test('drain: gives up at the deadline, and does not wait when room-service refuses', async () => {
  const busy = await standIns({ participants: [4] });
  try {
    const run = await drain({ CPAAS_ROOM_URL: `http://127.0.0.1:${busy.roomPort}`, CPAAS_CLUSTER_SECRET: 's',
      CPAAS_WORKER_ID: 'w', QUARKUS_HTTP_PORT: String(busy.workerPort), CPAAS_DRAIN_TIMEOUT: '1' });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /deadline reached with 4 participants/);
    assert.ok(run.ms < 5000);
  } finally {
    await busy.close();
  }
  const refused = await standIns({ drainStatus: 401 });
  try {
    const run = await drain({ CPAAS_ROOM_URL: `http://127.0.0.1:${refused.roomPort}`, CPAAS_CLUSTER_SECRET: 'wrong',
      CPAAS_WORKER_ID: 'w', QUARKUS_HTTP_PORT: String(refused.workerPort) });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /did not accept the drain/);
    assert.equal(refused.seen.metricsReads, 0);
  } finally {
    await refused.close();
  }
});

test('shell scripts pass shellcheck', { skip: spawnSync('shellcheck', ['--version']).status !== 0 && 'shellcheck not installed' }, () => {
  const scripts = ['deploy/bin/sfu-worker-launch.sh', 'deploy/bin/sfu-worker-drain.sh', 'deploy/images/build.sh', 'bench/ci-smoke.sh'].map((f) => path.join(ROOT, f));
  const run = spawnSync('shellcheck', scripts, { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout);
});
