// deploy/images: what can be checked of a Dockerfile without Docker or a registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SERVICES, httpPort, properties } from '../lib/project.js';

const BASES = [/^eclipse-temurin:17-jre(-[a-z]+)?$/, /^registry\.access\.redhat\.com\/ubi9\/openjdk-17-runtime(:[\w.-]+)?$/];

/** Dockerfile instructions as [KEYWORD, arguments], continuation lines joined, comments dropped. */
function instructions(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/\\\n/g, ' ');
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const i = l.search(/\s/);
      return [l.slice(0, i).toUpperCase(), l.slice(i + 1).trim()];
    });
}

for (const service of SERVICES) {
  test(`${service} image: small JRE 17 base, fast-jar, non-root, its real ports, no secrets`, () => {
    const file = path.join(ROOT, 'deploy/images', service, 'Dockerfile');
    const ins = instructions(file);
    const from = ins.filter(([k]) => k === 'FROM').map(([, a]) => a.split(/\s+/)[0]);
    assert.equal(from.length, 1, 'one stage');
    assert.ok(BASES.some((b) => b.test(from[0])), `base ${from[0]}`);

    const users = ins.filter(([k]) => k === 'USER').map(([, a]) => a);
    assert.ok(users.length > 0, 'USER is set');
    const last = users.at(-1).split(':')[0];
    assert.ok(!['root', '0'].includes(last), `runs as ${last}, not root`);
    assert.ok(ins.findIndex(([k]) => k === 'USER') > ins.findLastIndex(([k]) => k === 'RUN'), 'USER after the last RUN');

    const copies = ins.filter(([k]) => k === 'COPY' || k === 'ADD');
    assert.ok(copies.every(([k]) => k === 'COPY'), 'COPY, not ADD');
    for (const part of ['lib/', 'app/', 'quarkus/', '*.jar']) {
      assert.ok(copies.some(([, a]) => a.includes(`${service}/target/quarkus-app/${part}`)), `copies target/quarkus-app/${part}`);
    }
    const entry = ins.find(([k]) => k === 'ENTRYPOINT')?.[1] ?? '';
    if (service === 'sfu-worker') {
      assert.match(entry, /sfu-worker-launch\.sh/);
      assert.ok(copies.some(([, a]) => a.includes('deploy/bin/sfu-worker-launch.sh')));
      const envs = ins.filter(([k]) => k === 'ENV').map(([, a]) => a).join(' ');
      assert.match(envs, new RegExp(`CPAAS_WORKER_APP=/opt/cpaas/${service}/quarkus-run.jar`));
    } else {
      assert.match(entry, new RegExp(`/opt/cpaas/${service}/quarkus-run\\.jar`));
    }

    const exposed = ins.filter(([k]) => k === 'EXPOSE').flatMap(([, a]) => a.split(/\s+/));
    const expected = [`${httpPort(service)}`];
    if (service === 'sfu-worker') expected.push(`${properties(service)['cpaas.worker.udp.port']}/udp`);
    assert.deepEqual(exposed.map((p) => p.replace(/\/tcp$/, '')).sort(), expected.sort(), 'EXPOSE');

    for (const [k, a] of ins.filter(([k]) => k === 'ENV' || k === 'ARG')) {
      assert.doesNotMatch(a, /(SECRET|PASSWORD|TOKEN)[A-Z_]*=/, `${k} ${a} must not carry a secret`);
    }
  });
}

test('the build context sends only what the Dockerfiles copy', () => {
  const ignore = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(ignore.includes('*'));
  for (const service of SERVICES) assert.ok(ignore.includes(`!${service}/target/quarkus-app/`));
  assert.ok(ignore.includes('!deploy/bin/'));
});
