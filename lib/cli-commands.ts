/** The `kafka-topics` / `kafka-configs` / `kafka-consumer-groups` command equivalent to each console action, for scripting. */
const q = (s: string) => (/^[a-zA-Z0-9._:,=/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export type ConfigEntity = { type: 'topics' | 'brokers'; name: string };

export const cli = {
  listTopics: (bs: string) => `kafka-topics.sh --bootstrap-server ${bs} --list`,
  describeTopic: (bs: string, topic: string) => `kafka-topics.sh --bootstrap-server ${bs} --describe --topic ${q(topic)}`,
  createTopic: (bs: string, t: { name: string; partitions: number; replicationFactor: number; configs?: Record<string, string> }) =>
    [
      `kafka-topics.sh --bootstrap-server ${bs} --create --topic ${q(t.name)}`,
      `--partitions ${t.partitions} --replication-factor ${t.replicationFactor}`,
      ...Object.entries(t.configs ?? {}).map(([k, v]) => `--config ${q(`${k}=${v}`)}`),
    ].join(' '),
  deleteTopic: (bs: string, topic: string) => `kafka-topics.sh --bootstrap-server ${bs} --delete --topic ${q(topic)}`,
  addPartitions: (bs: string, topic: string, count: number) => `kafka-topics.sh --bootstrap-server ${bs} --alter --topic ${q(topic)} --partitions ${count}`,
  describeConfigs: (bs: string, e: ConfigEntity) =>
    `kafka-configs.sh --bootstrap-server ${bs} --entity-type ${e.type} --entity-name ${q(e.name)} --describe --all`,
  setConfig: (bs: string, e: ConfigEntity, name: string, value: string) =>
    `kafka-configs.sh --bootstrap-server ${bs} --entity-type ${e.type} --entity-name ${q(e.name)} --alter --add-config ${q(`${name}=${/,/.test(value) ? `[${value}]` : value}`)}`,
  deleteConfig: (bs: string, e: ConfigEntity, name: string) =>
    `kafka-configs.sh --bootstrap-server ${bs} --entity-type ${e.type} --entity-name ${q(e.name)} --alter --delete-config ${q(name)}`,
  /** Commits one offset for some partitions of a topic (the group must be empty). */
  resetOffsetsTo: (bs: string, group: string, topic: string, partitions: number[], offset: string) =>
    `kafka-consumer-groups.sh --bootstrap-server ${bs} --group ${q(group)} --reset-offsets --topic ${q(`${topic}:${partitions.join(',')}`)} --to-offset ${offset} --execute`,
  /** Removes the group's committed offsets for some partitions of a topic. */
  deleteOffsets: (bs: string, group: string, topic: string, partitions: number[]) =>
    `kafka-consumer-groups.sh --bootstrap-server ${bs} --group ${q(group)} --delete-offsets --topic ${q(`${topic}:${partitions.join(',')}`)}`,
};

type ShareScope = { type: 'group' } | { type: 'topic'; topic: string } | { type: 'partitions'; topic: string; partitions: number[] };
type ShareStrategy = { type: 'earliest' } | { type: 'latest' } | { type: 'timestamp'; timestamp: string } | { type: 'offset'; offset: number | string };

/**
 * kafka-share-groups --reset-offsets for a share group's start offsets. The tool resets to the
 * earliest or latest offset or a date and time only: a given offset has no option there, so the
 * line says what the console sends instead (AlterShareGroupOffsets).
 */
export function shareResetCli(bs: string, group: string, scope: ShareScope, strategy: ShareStrategy | { type: string }): string {
  const where =
    scope.type === 'group'
      ? '--all-topics'
      : scope.type === 'topic'
        ? `--topic ${q(scope.topic)}`
        : `--topic ${q(`${scope.topic}:${scope.partitions.join(',')}`)}`;
  const s = strategy as ShareStrategy;
  if (s.type === 'offset') {
    return `# kafka-share-groups has no --to-offset: the console sends AlterShareGroupOffsets for group ${group} setting the start offset of ${scope.type === 'group' ? 'every share-partition' : where.slice(8)} to ${s.offset}`;
  }
  const to =
    s.type === 'earliest'
      ? '--to-earliest'
      : s.type === 'latest'
        ? '--to-latest'
        : `--to-datetime ${new Date((s as { timestamp: string }).timestamp).toISOString().replace('Z', '+00:00')}`;
  return `kafka-share-groups --bootstrap-server ${bs} --group ${q(group)} --reset-offsets ${to} ${where} --execute`;
}

/** kafka-share-groups --delete-offsets: a share group's state for a whole topic. */
export function shareDeleteOffsetsCli(bs: string, group: string, topic: string): string {
  return `kafka-share-groups --bootstrap-server ${bs} --group ${q(group)} --delete-offsets --topic ${q(topic)}`;
}

/** What writing exact start offsets back (an undo) comes to: per topic, a removal or the offsets set. */
export function shareWritesCli(bs: string, group: string, writes: { topic: string; partition: number; offset: string | null }[]): string[] {
  const byTopic = new Map<string, { partition: number; offset: string | null }[]>();
  for (const w of writes) byTopic.set(w.topic, [...(byTopic.get(w.topic) ?? []), w]);
  // A topic with a partition to clear loses its whole state first (Kafka deletes share offsets per topic), then gets its other offsets.
  return [...byTopic].flatMap(([topic, rows]) => [
    ...(rows.some((r) => r.offset === null) ? [shareDeleteOffsetsCli(bs, group, topic)] : []),
    ...rows
      .filter((r) => r.offset !== null)
      .map((r) => shareResetCli(bs, group, { type: 'partitions', topic, partitions: [r.partition] }, { type: 'offset', offset: r.offset as string })),
  ]);
}
