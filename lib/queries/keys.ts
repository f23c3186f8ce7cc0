/** Query keys, scoped by cluster, so a mutation can invalidate the narrowest key that covers it. */
export const queryKeys = {
  me: () => ['auth', 'me'] as const,
  access: (limit: number) => ['auth', 'access', limit] as const,
  clusters: () => ['clusters'] as const,
  cluster: (c: string) => ['clusters', c] as const,
  overview: (c: string) => ['clusters', c, 'overview'] as const,
  topics: (c: string) => ['clusters', c, 'topics'] as const,
  topic: (c: string, t: string) => ['clusters', c, 'topics', t] as const,
  groups: (c: string) => ['clusters', c, 'groups'] as const,
  group: (c: string, g: string) => ['clusters', c, 'groups', g] as const,
  brokers: (c: string) => ['clusters', c, 'brokers'] as const,
  topicList: (c: string, params: Record<string, unknown>) => ['clusters', c, 'topics', { list: params }] as const,
  topicConfigs: (c: string, t: string) => ['clusters', c, 'topics', t, 'configs'] as const,
  brokerConfigs: (c: string, b: string | number) => ['clusters', c, 'brokers', String(b), 'configs'] as const,
  messages: (c: string, t: string) => ['clusters', c, 'topics', t, 'messages'] as const,
  messagesPage: (c: string, t: string, params: Record<string, unknown>) => ['clusters', c, 'topics', t, 'messages', params] as const,
  acls: (c: string) => ['clusters', c, 'acls'] as const,
  users: (c: string) => ['clusters', c, 'users'] as const,
  quotas: (c: string) => ['clusters', c, 'quotas'] as const,
  connect: (c: string) => ['clusters', c, 'connect'] as const,
  schemas: (c: string) => ['clusters', c, 'schemas'] as const,
  reassignments: (c: string) => ['clusters', c, 'reassignments'] as const,
  logDirs: (c: string, topic?: string) => ['clusters', c, 'brokers', 'log-dirs', topic ?? null] as const,
  quorum: (c: string) => ['clusters', c, 'brokers', 'quorum'] as const,
  features: (c: string) => ['clusters', c, 'brokers', 'features'] as const,
  groupHistory: (c: string, g: string, range: string) => ['clusters', c, 'groups', g, 'history', range] as const,
  topicHistory: (c: string, t: string, range: string) => ['clusters', c, 'topics', t, 'history', range] as const,
  groupsHistory: (c: string, ids: string[]) => ['clusters', c, 'groups', 'history', ids] as const,
  topicsHistory: (c: string, names: string[]) => ['clusters', c, 'topics', 'history', names] as const,
  /** The audit trail is console-wide, not under a cluster. */
  audit: () => ['audit'] as const,
  auditList: (params: Record<string, unknown>) => ['audit', params] as const,
};

/** Consumer group keys under queryKeys.groups / queryKeys.group. */
export const groupKeys = {
  list: (c: string, q: Record<string, unknown>) => [...queryKeys.groups(c), 'list', q] as const,
};
