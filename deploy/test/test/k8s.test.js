// deploy/k8s, every overlay: rendered, valid against the Kubernetes API schemas, and consistent
// with what the services really serve (ports, health paths, public paths, metrics, secrets).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { render, podSpec, podContainers } from '../lib/kustomize.js';
import { validateObject } from '../lib/schema.js';
import { ROOT, OVERLAYS, SERVICES, properties, httpPort, publicPaths, documentedSecrets } from '../lib/project.js';

const HEALTH = { readinessProbe: '/q/health/ready', livenessProbe: '/q/health/live', startupProbe: '/q/health/started' };
const key = (o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (a, b) => key(a).localeCompare(key(b));
const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function find(objects, kind, name) {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

function containerPort(container, port) {
  const p = typeof port === 'number'
    ? container.ports?.find((cp) => cp.containerPort === port)
    : container.ports?.find((cp) => cp.name === port);
  return p?.containerPort;
}

function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

for (const overlay of OVERLAYS) {
  const name = path.relative(ROOT, overlay);
  describe(name, () => {
    const objects = render(overlay);
    const workloads = objects.filter((o) => podSpec(o));
    const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata.name;

    test('renders as kubectl kustomize does', { skip: !kubectl && 'kubectl not installed' }, () => {
      const theirs = YAML.parseAllDocuments(execFileSync('kubectl', ['kustomize', overlay], { encoding: 'utf8' }))
        .map((d) => d.toJS());
      assert.deepStrictEqual([...objects].sort(byKey), theirs.sort(byKey));
    });

    test('every object is valid for the API schema of its kind, with no unknown field', async () => {
      const errors = [];
      for (const obj of objects) errors.push(...await validateObject(obj));
      assert.deepStrictEqual(errors, []);
    });

    test('everything namespaced is in the overlay namespace, and names are unique', () => {
      assert.ok(namespace, 'the overlay creates its Namespace');
      for (const obj of objects.filter((o) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind))) {
        assert.equal(obj.metadata.namespace, namespace, `${key(obj)} namespace`);
      }
      assert.equal(new Set(objects.map(key)).size, objects.length, 'duplicate objects');
    });

    for (const service of SERVICES) {
      test(`${service}: probes on /q/health/* and ports as its application.properties serves them`, () => {
        const workload = find(objects, 'Deployment', service);
        assert.ok(workload, `Deployment ${service}`);
        const container = podSpec(workload).containers.find((c) => c.name === service);
        const port = httpPort(service);
        const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
        assert.equal(Number(env.QUARKUS_HTTP_PORT ?? port), port, 'QUARKUS_HTTP_PORT moves the port away from application.properties');
        assert.equal(containerPort(container, 'http'), port, 'container port "http"');
        for (const [probe, expected] of Object.entries(HEALTH)) {
          const get = container[probe]?.httpGet;
          assert.ok(get, `${probe} is an HTTP probe`);
          assert.equal(get.path, expected, `${probe} path`);
          assert.equal(containerPort(container, get.port), port, `${probe} port`);
        }
        assert.ok(container.resources?.requests?.cpu && container.resources?.limits?.memory, 'cpu request and memory limit');
        const sc = container.securityContext ?? {};
        assert.equal(sc.allowPrivilegeEscalation, false);
        assert.equal(sc.readOnlyRootFilesystem, true);
        assert.deepEqual(sc.capabilities?.drop, ['ALL']);
        assert.equal(podSpec(workload).securityContext?.runAsNonRoot, true);
      });
    }

    test('sfu-worker: UDP media port, host network, node address, drain before stop', () => {
      const worker = find(objects, 'Deployment', 'sfu-worker');
      const spec = podSpec(worker);
      const container = spec.containers.find((c) => c.name === 'sfu-worker');
      const udp = Number(properties('sfu-worker')['cpaas.worker.udp.port']);
      const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
      const media = container.ports.find((p) => p.protocol === 'UDP');
      assert.equal(media?.containerPort, udp, 'UDP port of cpaas.worker.udp.port');
      assert.equal(Number(env.CPAAS_WORKER_UDP_PORT?.value ?? udp), udp);
      assert.equal(spec.hostNetwork, true);
      assert.equal(spec.dnsPolicy, 'ClusterFirstWithHostNet', 'cluster DNS (room-service) from the host network');
      for (const p of container.ports) assert.equal(p.hostPort, p.containerPort, `hostPort of ${p.name}`);
      assert.equal(env.CPAAS_WORKER_PUBLIC_IP?.valueFrom?.fieldRef?.fieldPath, 'status.hostIP');
      assert.equal(env.NODE_NAME?.valueFrom?.fieldRef?.fieldPath, 'spec.nodeName');
      assert.equal(env.CPAAS_WORKER_ID?.valueFrom?.fieldRef?.fieldPath, 'metadata.name', 'one worker id per pod');
      assert.equal(env.CPAAS_ROOM_URL?.value, `http://room-service:${httpPort('room-service')}`);
      // The preStop hook is the drain script, at the path the image puts it.
      const hook = container.lifecycle?.preStop?.exec?.command;
      assert.deepEqual(hook, ['/opt/cpaas/bin/sfu-worker-drain.sh']);
      const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy/images/sfu-worker/Dockerfile'), 'utf8');
      assert.match(dockerfile, /COPY[^\n]*deploy\/bin\/sfu-worker-drain\.sh[^\n]*\/opt\/cpaas\/bin\//);
      const drain = Number(env.CPAAS_DRAIN_TIMEOUT?.value);
      assert.ok(drain >= 60, 'a drain of at least a minute');
      assert.ok(spec.terminationGracePeriodSeconds >= drain + 30, 'grace period covers the drain and the shutdown');
      assert.ok(worker.spec.strategy.rollingUpdate.maxUnavailable === 0, 'upgrades add a worker before draining one');
      if (spec.automountServiceAccountToken === false) {
        assert.equal(objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'cpaas-config').data.WORKER_NODE_ADDRESS_TYPE, '',
          'reading the node ExternalIP needs the service account token');
      }
    });

    test('sfu-worker: KEDA scales it on room-service\'s cpaas_pool_utilization', () => {
      const scaled = objects.find((o) => o.kind === 'ScaledObject');
      assert.equal(scaled?.spec.scaleTargetRef.name, 'sfu-worker');
      assert.ok(find(objects, 'Deployment', scaled.spec.scaleTargetRef.name));
      const trigger = scaled.spec.triggers.find((t) => t.type === 'prometheus');
      assert.match(trigger.metadata.query, /\bcpaas_pool_utilization\b/);
      assert.equal(trigger.metricType, 'Value', 'utilization is a ratio: replicas x value / threshold');
      const threshold = Number(trigger.metadata.threshold);
      assert.ok(threshold > 0 && threshold < 1, 'threshold is a share of capacity');
      const source = fs.readFileSync(path.join(ROOT, 'room-service/src/main/java/io/cpaas/room/pool/service/FailureDetector.java'), 'utf8');
      assert.match(source, /Gauge\.builder\("cpaas_pool_utilization"/, 'room-service still exports the metric');
      assert.ok(scaled.spec.minReplicaCount >= 1);
    });

    test('Services, HPAs and PodDisruptionBudgets point at workloads that exist', () => {
      for (const svc of objects.filter((o) => o.kind === 'Service')) {
        const target = workloads.find((w) => selects(svc.spec.selector, w.spec.template.metadata.labels));
        assert.ok(target, `Service ${svc.metadata.name} selects a workload`);
        for (const port of svc.spec.ports) {
          const found = podContainers(target).some((c) => containerPort(c, port.targetPort ?? port.port));
          assert.ok(found, `Service ${svc.metadata.name} port ${port.name} reaches a container port`);
        }
      }
      for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
        assert.ok(find(objects, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name), `HPA ${hpa.metadata.name}`);
        assert.ok(hpa.spec.minReplicas <= hpa.spec.maxReplicas);
      }
      for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
        const target = workloads.find((w) => selects(pdb.spec.selector.matchLabels, w.spec.template.metadata.labels));
        assert.ok(target, `PDB ${pdb.metadata.name} selects a workload`);
        const replicas = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === target.metadata.name)?.spec.minReplicas
          ?? target.spec.replicas ?? 1;
        if (pdb.spec.minAvailable !== undefined) assert.ok(pdb.spec.minAvailable < replicas, `PDB ${pdb.metadata.name} would block node drains`);
      }
      for (const name of ['tenant-service', 'room-service']) {
        assert.ok(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === name), `HPA of ${name}`);
        assert.ok(objects.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === name), `PDB of ${name}`);
      }
    });

    test('the Ingress routes each public path of openapi.yaml to its service, and nothing internal', () => {
      const rules = objects.filter((o) => o.kind === 'Ingress').flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths));
      const route = (p) => rules
        .filter((r) => (r.pathType === 'Exact' ? p === r.path : p === r.path || p.startsWith(`${r.path}/`)))
        .sort((a, b) => b.path.length - a.path.length)[0];
      for (const { path: p, service } of publicPaths()) {
        assert.equal(route(p)?.backend.service.name, service, `${p} goes to ${service}`);
      }
      for (const p of ['/internal/v1/workers', '/internal/v1/api-keys/introspect', '/q/metrics', '/q/health', '/admin/master/console']) {
        assert.equal(route(p), undefined, `${p} must not be public`);
      }
      for (const r of rules) {
        const svc = find(objects, 'Service', r.backend.service.name);
        assert.ok(svc?.spec.ports.some((sp) => sp.name === r.backend.service.port.name), `backend ${r.backend.service.name}`);
      }
    });

    test('Secrets are referenced by name only, each one documented with kubectl create secret', () => {
      assert.deepEqual(objects.filter((o) => o.kind === 'Secret').map(key), [], 'no Secret objects in the repository');
      const documented = documentedSecrets();
      const refs = [];
      const walk = (v) => {
        if (Array.isArray(v)) return v.forEach(walk);
        if (!v || typeof v !== 'object') return;
        if (v.secretKeyRef) refs.push([v.secretKeyRef.name, v.secretKeyRef.key]);
        if (v.secret?.secretName) (v.secret.items ?? [{ key: undefined }]).forEach((i) => refs.push([v.secret.secretName, i.key]));
        if (typeof v.secretName === 'string' && v.hosts) refs.push([v.secretName, 'tls.crt']);
        for (const cred of [v.accessKeyId, v.secretAccessKey]) if (cred?.name && cred.key) refs.push([cred.name, cred.key]);
        if (v.passwordSecret?.name) refs.push([v.passwordSecret.name, 'password']);
        if (v.initdb?.secret?.name) refs.push([v.initdb.secret.name, 'password']);
        Object.values(v).forEach(walk);
      };
      walk(objects);
      assert.ok(refs.length > 5);
      for (const [secret, k] of refs) {
        assert.ok(documented.has(secret), `Secret ${secret} has a kubectl create secret command in docs/operations.md`);
        if (k) assert.ok(documented.get(secret).has(k), `Secret ${secret} key ${k} is in its documented command`);
      }
      for (const c of workloads.flatMap(podContainers)) {
        for (const e of c.env ?? []) {
          if (/SECRET|PASSWORD|TOKEN/.test(e.name) && !/_TIMEOUT$/.test(e.name)) assert.equal(e.value, undefined, `${c.name} ${e.name} comes from a Secret`);
        }
      }
    });

    test('ConfigMap keys referenced by pods exist', () => {
      for (const c of workloads.flatMap(podContainers)) {
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.configMapKeyRef;
          if (!ref) continue;
          const cm = find(objects, 'ConfigMap', ref.name);
          assert.ok(cm && ref.key in cm.data, `${c.name} ${e.name}: ConfigMap ${ref.name} key ${ref.key}`);
        }
      }
    });

    test('Keycloak imports the realm file of deploy/keycloak and is probed on its management port', () => {
      const realm = find(objects, 'ConfigMap', 'cpaas-keycloak-realm');
      assert.equal(realm.data['realm-cpaas.json'], fs.readFileSync(path.join(ROOT, 'deploy/keycloak/realm-cpaas.json'), 'utf8'));
      const kc = find(objects, 'Deployment', 'keycloak');
      const container = podSpec(kc).containers[0];
      assert.ok(container.args.includes('--import-realm'));
      const mount = container.volumeMounts.find((m) => m.mountPath === '/opt/keycloak/data/import');
      const volume = podSpec(kc).volumes.find((v) => v.name === mount.name);
      assert.equal(volume.configMap.name, 'cpaas-keycloak-realm');
      const placeholders = [...realm.data['realm-cpaas.json'].matchAll(/\$\{(CPAAS_[A-Z_]+)\}/g)].map((m) => m[1]);
      for (const p of new Set(placeholders)) assert.ok(container.env.some((e) => e.name === p), `realm placeholder ${p} is set`);
      assert.equal(container.readinessProbe.httpGet.path, '/health/ready');
      assert.equal(containerPort(container, container.readinessProbe.httpGet.port), 9000);
    });

    test('PostgreSQL is a CloudNativePG Cluster the services and Keycloak connect to', () => {
      const cluster = objects.find((o) => o.kind === 'Cluster');
      assert.ok(cluster, 'a CloudNativePG Cluster');
      assert.ok(!objects.some((o) => o.kind === 'StatefulSet'), 'no hand-written database StatefulSet');
      for (const name of ['tenant-service', 'room-service']) {
        const url = podSpec(find(objects, 'Deployment', name)).containers[0].env.find((e) => e.name === 'CPAAS_DB_URL').value;
        assert.equal(url, `jdbc:postgresql://${cluster.metadata.name}-rw:5432/${cluster.spec.bootstrap.initdb.database}`);
      }
      const kcDb = podSpec(find(objects, 'Deployment', 'keycloak')).containers[0].env.find((e) => e.name === 'KC_DB_URL').value;
      const db = objects.find((o) => o.kind === 'Database' && o.spec.cluster.name === cluster.metadata.name);
      assert.equal(kcDb, `jdbc:postgresql://${cluster.metadata.name}-rw:5432/${db.spec.name}`);
    });

    test('coturn: a host-network DaemonSet in use-auth-secret mode with the secret of room-service', () => {
      const ds = find(objects, 'DaemonSet', 'coturn');
      const spec = podSpec(ds);
      assert.equal(spec.hostNetwork, true);
      const conf = find(objects, 'ConfigMap', 'coturn').data['turnserver.conf'];
      assert.match(conf, /^use-auth-secret$/m);
      assert.doesNotMatch(conf, /allow-loopback-peers|static-auth-secret/);
      assert.match(conf, /^denied-peer-ip=10\.0\.0\.0-10\.255\.255\.255$/m);
      const secretVolume = spec.volumes.find((v) => v.secret?.secretName === 'cpaas-turn');
      const room = podSpec(find(objects, 'Deployment', 'room-service')).containers[0];
      const turnEnv = room.env.find((e) => e.name === 'CPAAS_TURN_SECRETS').valueFrom.secretKeyRef;
      assert.equal(turnEnv.name, secretVolume.secret.secretName);
      assert.equal(turnEnv.key, secretVolume.secret.items[0].key);
      const config = find(objects, 'ConfigMap', 'cpaas-config').data;
      const ports = podContainers(ds).flatMap((c) => c.ports ?? []);
      assert.ok(ports.some((p) => p.containerPort === Number(config.TURN_PORT) && p.protocol === 'UDP'));
      assert.ok(ports.some((p) => p.containerPort === Number(config.TURN_TLS_PORT) && p.protocol === 'TCP'));
    });

    test('NetworkPolicies: deny by default, then only the paths the platform uses', () => {
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
      const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
      assert.deepEqual(deny?.spec.policyTypes, ['Ingress', 'Egress']);
      const appLabels = (name) => podSpec(find(objects, 'Deployment', name)).containers && find(objects, 'Deployment', name).spec.template.metadata.labels;
      const allows = (direction, target, peer, port) => policies.some((p) => selects(p.spec.podSelector.matchLabels, target)
        && (p.spec[direction] ?? []).some((rule) => (rule.ports ?? []).some((rp) => rp.port === port)
          && (rule[direction === 'ingress' ? 'from' : 'to'] ?? []).some((peerSel) => peer(peerSel))));
      const pod = (labels) => (sel) => sel.podSelector && !sel.namespaceSelector && selects(sel.podSelector.matchLabels, labels);
      const ns = (name) => (sel) => sel.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === name;
      const cidr = (sel) => Boolean(sel.ipBlock);
      const tenant = appLabels('tenant-service');
      const room = appLabels('room-service');
      const keycloak = appLabels('keycloak');
      const db = { 'cnpg.io/cluster': objects.find((o) => o.kind === 'Cluster').metadata.name };
      const tenantPort = httpPort('tenant-service');
      const roomPort = httpPort('room-service');
      const workerPort = httpPort('sfu-worker');
      // services -> PostgreSQL
      for (const app of [tenant, room, keycloak]) {
        assert.ok(allows('egress', app, pod(db), 5432) && allows('ingress', db, pod(app), 5432), 'to PostgreSQL');
      }
      // room-service -> tenant-service (key introspection), tenant-service -> room-service (the console's reads)
      assert.ok(allows('egress', room, pod(tenant), tenantPort) && allows('ingress', tenant, pod(room), tenantPort));
      assert.ok(allows('egress', tenant, pod(room), roomPort) && allows('ingress', room, pod(tenant), roomPort), 'the console reaches room-service');
      assert.ok(!allows('ingress', room, pod(keycloak), roomPort), 'Keycloak does not call room-service');
      // workers (node addresses) -> room-service, room-service -> workers' HTTP port
      assert.ok(allows('ingress', room, cidr, roomPort), 'workers reach room-service');
      assert.ok(allows('egress', room, cidr, workerPort), 'room-service reaches the workers\' control port');
      // public APIs from the ingress controller
      assert.ok(allows('ingress', room, ns('ingress-nginx'), roomPort) && allows('ingress', tenant, ns('ingress-nginx'), tenantPort));
      assert.ok(!allows('ingress', db, ns('ingress-nginx'), 5432), 'the database is not public');
    });

    test('cluster-wide bindings name service accounts in the namespace where they are', () => {
      for (const binding of objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')) {
        for (const subject of binding.subjects.filter((s) => s.kind === 'ServiceAccount')) {
          const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === subject.name);
          assert.ok(sa, `ServiceAccount ${subject.name}`);
          assert.equal(subject.namespace, sa.metadata.namespace, `${binding.metadata.name}: subject namespace`);
        }
      }
    });
  });
}
