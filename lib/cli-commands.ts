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
