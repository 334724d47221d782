// Structural schemas of the CloudNativePG resources used in deploy/k8s (no npm package models
// them): the fields this project sets and their common neighbours, from the CloudNativePG API
// reference (postgresql.cnpg.io/v1, plugin barmancloud.cnpg.io/v1). Any other field is refused,
// so a misspelt one fails here rather than at `kubectl apply`. Using a field not listed? Check
// the API reference, then add it.
const strict = (properties, required = []) => ({ type: 'object', additionalProperties: false, properties, required });
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const quantity = { anyOf: [{ type: 'string', pattern: '^[0-9.]+([KMGTPE]i?|m)?$' }, { type: 'number' }] };
const stringMap = { type: 'object', additionalProperties: { type: 'string' } };
const localRef = strict({ name: str }, ['name']);
const keyRef = strict({ name: str, key: str }, ['name', 'key']);
const metadata = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' }, namespace: str, labels: stringMap, annotations: stringMap },
};
const resources = strict({ requests: { type: 'object', additionalProperties: quantity }, limits: { type: 'object', additionalProperties: quantity } });
const kindOf = (apiVersion, kind, spec) => strict({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata, spec }, ['apiVersion', 'kind', 'metadata', 'spec']);

const cluster = strict({
  instances: { type: 'integer', minimum: 1 },
  imageName: str,
  description: str,
  primaryUpdateStrategy: { enum: ['supervised', 'unsupervised'] },
  primaryUpdateMethod: { enum: ['switchover', 'restart'] },
  storage: strict({ size: quantity, storageClass: str, resizeInUseVolumes: bool }),
  walStorage: strict({ size: quantity, storageClass: str }),
  postgresql: strict({ parameters: stringMap, pg_hba: { type: 'array', items: str }, shared_preload_libraries: { type: 'array', items: str } }),
  resources,
  bootstrap: strict({
    initdb: strict({ database: str, owner: str, secret: localRef, encoding: str, localeCollate: str, localeCType: str, dataChecksums: bool, postInitSQL: { type: 'array', items: str } }),
    recovery: strict({ source: str, database: str, owner: str, secret: localRef, recoveryTarget: { type: 'object' } }),
  }),
  externalClusters: { type: 'array', items: strict({ name: str, plugin: strict({ name: str, parameters: stringMap }, ['name']) }, ['name']) },
  managed: strict({
    roles: {
      type: 'array',
      items: strict({
        name: str, ensure: { enum: ['present', 'absent'] }, login: bool, superuser: bool, createdb: bool, createrole: bool,
        inherit: bool, replication: bool, connectionLimit: int, comment: str, inRoles: { type: 'array', items: str },
        passwordSecret: localRef, validUntil: str, disablePassword: bool,
      }, ['name']),
    },
  }),
  affinity: strict({
    enablePodAntiAffinity: bool, topologyKey: str, podAntiAffinityType: { enum: ['preferred', 'required'] },
    nodeSelector: stringMap, tolerations: { type: 'array', items: { type: 'object' } },
  }),
  plugins: {
    type: 'array',
    items: strict({ name: str, enabled: bool, isWALArchiver: bool, parameters: stringMap }, ['name']),
  },
  monitoring: strict({ enablePodMonitor: bool, disableDefaultQueries: bool }),
  superuserSecret: localRef,
  enableSuperuserAccess: bool,
}, ['instances', 'storage']);

const database = strict({
  name: str, owner: str, cluster: localRef, ensure: { enum: ['present', 'absent'] },
  databaseReclaimPolicy: { enum: ['retain', 'delete'] }, encoding: str, template: str,
}, ['name', 'owner', 'cluster']);

const scheduledBackup = strict({
  // Six fields, seconds first (robfig/cron).
  schedule: { type: 'string', pattern: '^\\S+( \\S+){5}$' },
  backupOwnerReference: { enum: ['none', 'self', 'cluster'] },
  cluster: localRef,
  method: { enum: ['barmanObjectStore', 'volumeSnapshot', 'plugin'] },
  pluginConfiguration: strict({ name: str, parameters: stringMap }, ['name']),
  immediate: bool,
  suspend: bool,
  target: { enum: ['primary', 'prefer-standby'] },
}, ['schedule', 'cluster']);

const compression = { enum: ['bzip2', 'gzip', 'lz4', 'snappy', 'xz', 'zstd'] };
const objectStore = strict({
  retentionPolicy: { type: 'string', pattern: '^[1-9][0-9]*[dwm]$' },
  configuration: strict({
    destinationPath: { type: 'string', pattern: '^(s3|gs|https?)://' },
    endpointURL: str,
    s3Credentials: strict({ accessKeyId: keyRef, secretAccessKey: keyRef, region: keyRef, sessionToken: keyRef, inheritFromIAMRole: bool }),
    azureCredentials: { type: 'object' },
    googleCredentials: { type: 'object' },
    wal: strict({ compression, maxParallel: int, encryption: str }),
    data: strict({ compression, jobs: int, encryption: str, immediateCheckpoint: bool }),
  }, ['destinationPath']),
}, ['configuration']);

export const CRD_SCHEMAS = {
  'postgresql.cnpg.io/v1/Cluster': kindOf('postgresql.cnpg.io/v1', 'Cluster', cluster),
  'postgresql.cnpg.io/v1/Database': kindOf('postgresql.cnpg.io/v1', 'Database', database),
  'postgresql.cnpg.io/v1/ScheduledBackup': kindOf('postgresql.cnpg.io/v1', 'ScheduledBackup', scheduledBackup),
  'barmancloud.cnpg.io/v1/ObjectStore': kindOf('barmancloud.cnpg.io/v1', 'ObjectStore', objectStore),
};
