// What the project's code says, read from the source so that deploy/ is checked against it:
// each service's application.properties, the public paths of openapi.yaml and their owners,
// the Secrets that docs/operations.md tells operators to create.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const K8S = path.join(ROOT, 'deploy/k8s');
/** Every overlay an operator may apply; each is rendered and checked. */
export const OVERLAYS = fs.readdirSync(path.join(K8S, 'overlays')).map((name) => path.join(K8S, 'overlays', name));
export const SERVICES = ['tenant-service', 'room-service', 'sfu-worker'];

/** application.properties of MODULE, prod profile, `${ENV:default}` read as its default. */
export function properties(module) {
  const file = path.join(ROOT, module, 'src/main/resources/application.properties');
  const out = {};
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('%')) continue;
    const i = line.indexOf('=');
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim().replace(/^\$\{[A-Z0-9_]+:?(.*)\}$/, '$1');
  }
  return out;
}

/** The HTTP port a service serves on by default. */
export function httpPort(module) {
  return Number(properties(module)['quarkus.http.port']);
}

/** Public paths of openapi.yaml and the service answering each (x-service). */
export function publicPaths() {
  const doc = YAML.parse(fs.readFileSync(path.join(ROOT, 'openapi.yaml'), 'utf8'));
  return Object.entries(doc.paths).map(([p, item]) => ({ path: p, service: item['x-service'] }));
}

/** Secret name -> keys, from the `kubectl create secret` commands in docs/operations.md. */
export function documentedSecrets() {
  const text = fs.readFileSync(path.join(ROOT, 'docs/operations.md'), 'utf8').replace(/\\\n\s*/g, ' ');
  const secrets = new Map();
  for (const m of text.matchAll(/kubectl(?: -n \S+)? create secret (generic|tls)( --type=\S+)? ([a-z0-9-]+)([^\n]*)/g)) {
    const keys = new Set(m[1] === 'tls' ? ['tls.crt', 'tls.key'] : []);
    for (const k of m[4].matchAll(/--from-(?:literal|file)=([A-Za-z0-9_.-]+)=/g)) keys.add(k[1]);
    secrets.set(m[3], keys);
  }
  return secrets;
}
