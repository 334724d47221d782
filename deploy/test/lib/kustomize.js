// The part of kustomize that deploy/k8s uses, so that the manifests can be rendered and checked
// with no kubectl and no network: resources (files and folders), components, namespace,
// labels (metadata only), images, configMapGenerator (files, no name hash) and strategic-merge
// patches (maps merged, lists of named items merged by name, other lists replaced, null deletes).
// When kubectl is installed, the tests compare this rendering with `kubectl kustomize`.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass']);

export function readYamlDocuments(file) {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS();
    })
    .filter((obj) => obj != null);
}

function kustomizationFile(dir) {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`no kustomization in ${dir}`);
}

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'components', 'namespace', 'labels',
  'images', 'patches', 'configMapGenerator', 'generatorOptions']);

/** Renders the kustomization in DIR into a list of objects. */
export function render(dir) {
  const file = kustomizationFile(dir);
  const k = YAML.parse(fs.readFileSync(file, 'utf8'));
  for (const key of Object.keys(k)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`${file}: field '${key}' is not supported by deploy/test's renderer`);
  }
  let objects = [];
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    objects.push(...(fs.statSync(target).isDirectory() ? render(target) : readYamlDocuments(target)));
  }
  for (const gen of k.configMapGenerator ?? []) {
    if (!k.generatorOptions?.disableNameSuffixHash) throw new Error(`${file}: name hashes are not supported`);
    const data = {};
    for (const f of gen.files ?? []) data[path.basename(f)] = fs.readFileSync(path.resolve(dir, f), 'utf8');
    for (const lit of gen.literals ?? []) {
      const i = lit.indexOf('=');
      data[lit.slice(0, i)] = lit.slice(i + 1);
    }
    const metadata = { name: gen.name };
    if (k.generatorOptions?.labels) metadata.labels = { ...k.generatorOptions.labels };
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data });
  }
  for (const entry of k.components ?? []) {
    objects = applyComponent(path.resolve(dir, entry), objects);
  }
  objects = applyPatches(dir, k.patches ?? [], objects);
  if (k.namespace) {
    for (const obj of objects) {
      if (!CLUSTER_SCOPED.has(obj.kind)) obj.metadata.namespace = k.namespace;
    }
  }
  for (const label of k.labels ?? []) {
    if (label.includeSelectors || label.includeTemplates) throw new Error(`${file}: only metadata labels are supported`);
    for (const obj of objects) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...label.pairs };
  }
  for (const image of k.images ?? []) {
    for (const obj of objects) {
      for (const container of podContainers(obj)) {
        const [name, tag] = splitImage(container.image);
        if (name === image.name) {
          const newTag = image.newTag ?? tag;
          container.image = newTag ? `${image.newName ?? name}:${newTag}` : image.newName ?? name;
        }
      }
    }
  }
  return objects;
}

function applyComponent(dir, objects) {
  const file = kustomizationFile(dir);
  const k = YAML.parse(fs.readFileSync(file, 'utf8'));
  if (k.kind !== 'Component') throw new Error(`${file} is not a Component`);
  for (const entry of k.resources ?? []) objects.push(...readYamlDocuments(path.resolve(dir, entry)));
  return applyPatches(dir, k.patches ?? [], objects);
}

function applyPatches(dir, patches, objects) {
  for (const p of patches) {
    if (p.target) throw new Error(`${dir}: patches with a target are not supported`);
    const docs = p.path ? readYamlDocuments(path.resolve(dir, p.path)) : YAML.parseAllDocuments(p.patch).map((d) => d.toJS());
    for (const patch of docs) {
      const target = objects.find((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (!target) throw new Error(`${dir}: patch of ${patch.kind}/${patch.metadata.name} matches nothing`);
      const merged = mergePatch(target, patch);
      objects[objects.indexOf(target)] = merged;
    }
  }
  return objects;
}

function isNamedList(list) {
  return Array.isArray(list) && list.length > 0 && list.every((i) => i && typeof i === 'object' && 'name' in i);
}

export function mergePatch(target, patch) {
  if (patch === null) return undefined;
  if (Array.isArray(patch)) {
    if (!isNamedList(patch) || !isNamedList(target)) return structuredClone(patch);
    // As kustomize: the patch's items first (merged with their originals), then the untouched rest.
    const names = new Set(patch.map((i) => i.name));
    const first = patch.map((item) => {
      const original = target.find((o) => o.name === item.name);
      return original ? mergePatch(original, item) : structuredClone(item);
    });
    return [...first, ...target.filter((o) => !names.has(o.name)).map((o) => structuredClone(o))];
  }
  if (patch && typeof patch === 'object') {
    const out = target && typeof target === 'object' && !Array.isArray(target) ? structuredClone(target) : {};
    for (const [key, value] of Object.entries(patch)) {
      const merged = mergePatch(out[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  return patch;
}

export function splitImage(image) {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}

/** The pod spec of a workload (Deployment, DaemonSet, StatefulSet, Job), or undefined. */
export function podSpec(obj) {
  return obj?.spec?.template?.spec;
}

export function podContainers(obj) {
  const spec = podSpec(obj);
  return spec ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : [];
}
