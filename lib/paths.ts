/** Every URL the UI uses, page or API, is built here. */
const enc = encodeURIComponent;

export const paths = {
  home: () => '/',
  cluster: (c: string) => `/clusters/${enc(c)}`,
  topics: (c: string) => `/clusters/${enc(c)}/topics`,
  topic: (c: string, t: string) => `/clusters/${enc(c)}/topics/${enc(t)}`,
  groups: (c: string) => `/clusters/${enc(c)}/groups`,
  group: (c: string, g: string) => `/clusters/${enc(c)}/groups/${enc(g)}`,
  brokers: (c: string) => `/clusters/${enc(c)}/brokers`,
  acls: (c: string) => `/clusters/${enc(c)}/acls`,
  users: (c: string) => `/clusters/${enc(c)}/users`,
  quotas: (c: string) => `/clusters/${enc(c)}/quotas`,
  connect: (c: string) => `/clusters/${enc(c)}/connect`,
  connectNew: (c: string, connect?: string) => (connect ? `/clusters/${enc(c)}/connect/new?connect=${enc(connect)}` : `/clusters/${enc(c)}/connect/new`),
  connector: (c: string, connect: string, name: string) => `/clusters/${enc(c)}/connect/${enc(connect)}/${enc(name)}`,
  schemas: (c: string, subject?: string) => (subject ? `/clusters/${enc(c)}/schemas?subject=${enc(subject)}` : `/clusters/${enc(c)}/schemas`),
  storage: (c: string, topic?: string) => (topic ? `/clusters/${enc(c)}/storage?topic=${enc(topic)}` : `/clusters/${enc(c)}/storage`),
  reassignments: (c: string, topic?: string) => (topic ? `/clusters/${enc(c)}/reassignments?topic=${enc(topic)}` : `/clusters/${enc(c)}/reassignments`),
  messages: (c: string, t: string) => `/clusters/${enc(c)}/topics/${enc(t)}/messages`,
  login: (next?: string) => (next ? `/login?next=${enc(next)}` : '/login'),
  audit: () => '/audit',
  access: () => '/access',
  api: {
    login: () => '/api/auth/login',
    logout: () => '/api/auth/logout',
    me: () => '/api/auth/me',
    access: (limit?: number) => (limit ? `/api/auth/access?limit=${limit}` : '/api/auth/access'),
    oidcStart: (next?: string) => (next ? `/api/auth/oidc/start?next=${enc(next)}` : '/api/auth/oidc/start'),
    audit: () => '/api/audit',
    auditUndo: (id: string) => `/api/audit/${enc(id)}/undo`,
    clusters: () => '/api/clusters',
    overview: (c: string) => `/api/clusters/${enc(c)}/overview`,
    cluster: (c: string) => `/api/clusters/${enc(c)}`,
    topics: (c: string) => `/api/clusters/${enc(c)}/topics`,
    topic: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}`,
    topicPartitions: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/partitions`,
    topicConfigs: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/configs`,
    topicConfig: (c: string, t: string, name: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/configs/${enc(name)}`,
    brokerConfigs: (c: string, b: string | number) => `/api/clusters/${enc(c)}/brokers/${enc(String(b))}/configs`,
    brokerConfig: (c: string, b: string | number, name: string) => `/api/clusters/${enc(c)}/brokers/${enc(String(b))}/configs/${enc(name)}`,
    messages: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/messages`,
    messagesSearch: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/messages/search`,
    messagesTail: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/messages/tail`,
  },
};

/** Appends defined query parameters to a path. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null | (string | number)[]>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, String(x));
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

/** ACL, SCRAM user and quota API URLs. */
export const securityApi = {
  acls: (c: string) => `/api/clusters/${enc(c)}/acls`,
  aclPreview: (c: string) => `/api/clusters/${enc(c)}/acls/preview`,
  aclDeletePreview: (c: string) => `/api/clusters/${enc(c)}/acls/delete-preview`,
  aclExplain: (c: string) => `/api/clusters/${enc(c)}/acls/explain`,
  topicAcls: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/acls`,
  groupAcls: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/acls`,
  users: (c: string) => `/api/clusters/${enc(c)}/users`,
  user: (c: string, u: string) => `/api/clusters/${enc(c)}/users/${enc(u)}`,
  quotas: (c: string) => `/api/clusters/${enc(c)}/quotas`,
};

/** Kafka Connect API URLs (lib/api/ops/connect.ts). */
export const connectApi = {
  list: (c: string) => `/api/clusters/${enc(c)}/connect`,
  plugins: (c: string, k: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/plugins`,
  pluginConfig: (c: string, k: string, p: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/plugins/${enc(p)}/config`,
  validate: (c: string, k: string, p: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/plugins/${enc(p)}/validate`,
  connectors: (c: string, k: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors`,
  connector: (c: string, k: string, n: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors/${enc(n)}`,
  config: (c: string, k: string, n: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors/${enc(n)}/config`,
  actions: (c: string, k: string, n: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors/${enc(n)}/actions`,
  restartTask: (c: string, k: string, n: string, task: number) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors/${enc(n)}/tasks/${task}/restart`,
  offsets: (c: string, k: string, n: string) => `/api/clusters/${enc(c)}/connect/${enc(k)}/connectors/${enc(n)}/offsets`,
  topicConnectors: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/connectors`,
};

/** Schema registry API URLs. */
export const schemaApi = {
  info: (c: string) => `/api/clusters/${enc(c)}/schemas`,
  config: (c: string) => `/api/clusters/${enc(c)}/schemas/config`,
  subjects: (c: string) => `/api/clusters/${enc(c)}/schemas/subjects`,
  subject: (c: string, s: string) => `/api/clusters/${enc(c)}/schemas/subjects/${enc(s)}`,
  version: (c: string, s: string, v: number | string) => `/api/clusters/${enc(c)}/schemas/subjects/${enc(s)}/versions/${enc(String(v))}`,
  register: (c: string, s: string) => `/api/clusters/${enc(c)}/schemas/subjects/${enc(s)}/versions`,
  subjectConfig: (c: string, s: string) => `/api/clusters/${enc(c)}/schemas/subjects/${enc(s)}/config`,
  check: (c: string, s: string) => `/api/clusters/${enc(c)}/schemas/subjects/${enc(s)}/compatibility`,
  topic: (c: string, t: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/schemas`,
};

/** Log dirs, quorum and feature level API URLs. */
export const storageApi = {
  logDirs: (c: string, topic?: string) => (topic ? `/api/clusters/${enc(c)}/log-dirs?topic=${enc(topic)}` : `/api/clusters/${enc(c)}/log-dirs`),
  quorum: (c: string) => `/api/clusters/${enc(c)}/quorum`,
  features: (c: string) => `/api/clusters/${enc(c)}/features`,
};

/** Lag history API URLs (lib/api/ops/history.ts). */
export const historyApi = {
  group: (c: string, g: string, range: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/history?range=${enc(range)}`,
  topic: (c: string, t: string, range: string) => `/api/clusters/${enc(c)}/topics/${enc(t)}/history?range=${enc(range)}`,
  groupsSummary: (c: string, ids: string[], range = '1h') => `/api/clusters/${enc(c)}/history/groups?ids=${ids.map(enc).join(',')}&range=${enc(range)}`,
  topicsSummary: (c: string, names: string[]) => `/api/clusters/${enc(c)}/history/topics?names=${names.map(enc).join(',')}`,
  status: (c: string) => `/api/clusters/${enc(c)}/history/status`,
};

/** Partition reassignment API URLs. */
export const reassignApi = {
  status: (c: string) => `/api/clusters/${enc(c)}/reassignments`,
  generate: (c: string) => `/api/clusters/${enc(c)}/reassignments/generate`,
  preview: (c: string) => `/api/clusters/${enc(c)}/reassignments/preview`,
  verify: (c: string) => `/api/clusters/${enc(c)}/reassignments/verify`,
  cancel: (c: string) => `/api/clusters/${enc(c)}/reassignments/cancel`,
};

/** Consumer group API URLs. */
export const groupApi = {
  list: (c: string) => `/api/clusters/${enc(c)}/groups`,
  group: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}`,
  resetPreview: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/reset-offsets/preview`,
  reset: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/reset-offsets`,
  topicOffsets: (c: string, g: string, t: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/offsets/${enc(t)}`,
  /** Share groups' start offsets (AlterShareGroupOffsets / DeleteShareGroupOffsets). */
  shareResetPreview: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/share-offsets/preview`,
  shareReset: (c: string, g: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/share-offsets`,
  shareTopicOffsets: (c: string, g: string, t: string) => `/api/clusters/${enc(c)}/groups/${enc(g)}/share-offsets/${enc(t)}`,
};

/** Sign-in and access URLs. */
