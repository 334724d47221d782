// deploy/systemd: units that systemd accepts, with limits and hardening, on the services' ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, httpPort } from '../lib/project.js';

const DIR = path.join(ROOT, 'deploy/systemd');
const UNITS = ['tenant-service.service', 'room-service.service', 'sfu-worker@.service'];
const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const java = fs.existsSync('/usr/bin/java');

function settings(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) (out[m[1]] ??= []).push(m[2]);
  }
  return out;
}

for (const unit of UNITS) {
  test(`${unit}: limits, restart, dedicated user, secrets from /etc/cpaas, hardening`, () => {
    const s = settings(fs.readFileSync(path.join(DIR, unit), 'utf8'));
    assert.deepEqual(s.User, ['cpaas']);
    assert.deepEqual(s.Restart, ['on-failure']);
    assert.ok(Number(s.LimitNOFILE?.[0]) >= 65536, 'LimitNOFILE');
    assert.match(s.MemoryMax?.[0] ?? '', /^\d+[MG]$/);
    assert.ok(s.EnvironmentFile.some((f) => f === '/etc/cpaas/cpaas.env'), 'shared EnvironmentFile');
    assert.ok(s.EnvironmentFile.every((f) => f.replace(/^-/, '').startsWith('/etc/cpaas/')), 'secrets live in /etc/cpaas');
    for (const [k, v] of [['NoNewPrivileges', 'yes'], ['ProtectSystem', 'strict'], ['ProtectHome', 'yes'], ['PrivateTmp', 'yes'],
      ['CapabilityBoundingSet', ''], ['SuccessExitStatus', '143']]) {
      assert.deepEqual(s[k], [v], k);
    }
    assert.ok(!s.MemoryDenyWriteExecute, 'the JVM JIT needs W+X memory');
    for (const env of s.Environment ?? []) assert.doesNotMatch(env, /SECRET|PASSWORD/, 'no secret in the unit');
    const port = (s.Environment ?? []).map((e) => /QUARKUS_HTTP_PORT=(\d+)/.exec(e)?.[1]).find(Boolean);
    if (unit !== 'sfu-worker@.service') assert.equal(Number(port), httpPort(unit.replace('.service', '')));
  });
}

test('sfu-worker@.service drains on stop for longer than the drain lasts', () => {
  const s = settings(fs.readFileSync(path.join(DIR, 'sfu-worker@.service'), 'utf8'));
  assert.deepEqual(s.ExecStart, ['/opt/cpaas/bin/sfu-worker-launch.sh %i']);
  assert.deepEqual(s.ExecStop, ['/opt/cpaas/bin/sfu-worker-drain.sh %i']);
  const drain = Number((s.Environment ?? []).map((e) => /CPAAS_DRAIN_TIMEOUT=(\d+)/.exec(e)?.[1]).find(Boolean));
  assert.ok(parseInt(s.TimeoutStopSec[0], 10) >= drain + 60, 'TimeoutStopSec covers the drain');
});

test('systemd-analyze verify accepts every unit and the coturn drop-in', { skip: (!analyze && 'systemd-analyze not installed') || (!java && 'no /usr/bin/java to check ExecStart against') }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpaas-units-'));
  try {
    for (const unit of UNITS) {
      // The scripts are checked where they are in the repository, not where the README installs them.
      const text = fs.readFileSync(path.join(DIR, unit), 'utf8').replaceAll('/opt/cpaas/bin/', `${ROOT}/deploy/bin/`);
      fs.writeFileSync(path.join(tmp, unit), text);
    }
    fs.symlinkSync('sfu-worker@.service', path.join(tmp, 'sfu-worker@1.service'));
    // The drop-in on a stand-in for Debian's coturn.service.
    fs.writeFileSync(path.join(tmp, 'coturn.service'), `[Unit]\nDescription=coturn\n[Service]\nUser=turnserver\nType=notify\nExecStart=/bin/true\n${
      fs.readFileSync(path.join(DIR, 'coturn.service.d/cpaas.conf'), 'utf8').replace(/^\[Service\]\n/m, '')}`);
    const units = ['tenant-service.service', 'room-service.service', 'sfu-worker@1.service', 'coturn.service'].map((u) => path.join(tmp, u));
    const run = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
    // verify exits 0 on unknown keys and bad values; it only says so.
    const complaints = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim() && !/Failed to (connect|create bus)/.test(l));
    assert.deepEqual(complaints, []);
    assert.equal(run.status, 0);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the example environment files hold placeholders, never values', () => {
  for (const file of fs.readdirSync(path.join(DIR, 'env'))) {
    for (const line of fs.readFileSync(path.join(DIR, 'env', file), 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m && /SECRET|PASSWORD/.test(m[1])) assert.equal(m[2], 'CHANGE_ME', `${file}: ${m[1]}`);
    }
  }
  const conf = fs.readFileSync(path.join(DIR, 'coturn/turnserver.conf.example'), 'utf8');
  assert.match(conf, /^static-auth-secret=CHANGE_ME/m);
  assert.doesNotMatch(conf, /allow-loopback-peers/);
  assert.match(conf, /^use-auth-secret$/m);
});
