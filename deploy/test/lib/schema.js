// Validation of one Kubernetes object against the API schema of its kind:
//  - built-in kinds, KEDA and Prometheus Operator: the JSON schemas compiled into the
//    kubernetes-models packages (types, required fields, formats, enums) ...
//  - ... plus unknown fields, which those schemas let through (the API server refuses them with
//    strict field validation): every field must be declared in the model's type declarations;
//  - CloudNativePG and its Barman Cloud plugin, which have no package: structural schemas of the
//    fields used here (crd-schemas.js), refusing any other field.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { CRD_SCHEMAS } from './crd-schemas.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const crdValidators = new Map(Object.entries(CRD_SCHEMAS).map(([k, s]) => [k, ajv.compile(s)]));

function modelSpecifier(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

function resolveFile(specifier, fromFile) {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier).replace(/\.js$/, '.d.ts');
  return fileURLToPath(import.meta.resolve(specifier)).replace(/\.js$/, '.d.ts');
}

const declarations = new Map();

/** The properties of the main interface declared in FILE: name -> { type, file }. */
function declaration(file) {
  if (declarations.has(file)) return declarations.get(file);
  const text = fs.readFileSync(file, 'utf8');
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]+)\} from "([^"]+)";/g)) {
    for (const name of m[1].split(',').map((n) => n.trim()).filter(Boolean)) {
      if (/^I/.test(name)) imports.set(name, m[2]);
    }
  }
  const start = text.search(/export interface \w+/);
  if (start < 0) throw new Error(`no interface in ${file}`);
  let i = text.indexOf('{', start);
  const props = new Map();
  let depth = 0;
  let line = '';
  for (i = i + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      handleLine(line);
      line = '';
      continue;
    }
    line += c;
    if (c === '{') depth++;
    if (c === '}') {
      if (depth === 0) break;
      depth--;
    }
  }
  function handleLine(l) {
    // Only properties of the interface itself: a line that opened at depth 0.
    const openedAt = depth - (l.split('{').length - 1) + (l.split('}').length - 1);
    if (openedAt !== 0) return;
    const m = /^\s*"([^"]+)"\??: (.*?);?\s*$/.exec(l);
    if (!m) return;
    let type = m[2].trim();
    let nested;
    const array = /^Array<(\w+)>$/.exec(type);
    const ident = /^(\w+)$/.exec(type);
    const name = array?.[1] ?? ident?.[1];
    if (name && imports.has(name)) nested = resolveFile(imports.get(name), file);
    props.set(m[1], { array: Boolean(array), nested });
  }
  const result = { props };
  declarations.set(file, result);
  return result;
}

function unknownFields(value, file, where, errors) {
  if (value == null || typeof value !== 'object') return;
  const { props } = declaration(file);
  for (const [key, child] of Object.entries(value)) {
    const prop = props.get(key);
    if (!prop) {
      errors.push(`${where}.${key}: unknown field`);
      continue;
    }
    if (!prop.nested) continue;
    if (prop.array && Array.isArray(child)) child.forEach((item, n) => unknownFields(item, prop.nested, `${where}.${key}[${n}]`, errors));
    else if (!prop.array) unknownFields(child, prop.nested, `${where}.${key}`, errors);
  }
}

/** Errors of OBJ against the schema of its kind; empty when valid. */
export async function validateObject(obj) {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  const crd = crdValidators.get(`${obj.apiVersion}/${obj.kind}`);
  if (crd) {
    return crd(obj) ? [] : crd.errors.map((e) => `${id}${e.instancePath}: ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`);
  }
  const specifier = modelSpecifier(obj.apiVersion, obj.kind);
  let Model;
  try {
    Model = (await import(specifier))[obj.kind];
  } catch {
    return [`${id}: no schema known for ${obj.apiVersion} ${obj.kind} (add it to deploy/test/lib/schema.js)`];
  }
  const errors = [];
  try {
    new Model(structuredClone(obj)).validate();
  } catch (e) {
    errors.push(`${id}: ${e.message}`);
  }
  unknownFields(obj, resolveFile(specifier, import.meta.url), id, errors);
  return errors;
}
