/**
 * Series names in the history store. NUL separates the parts: Kafka allows it in no topic
 * name and clients put none in group ids.
 */
const S = '\u0000';

export const K = {
  /** End offset of a partition. */
  end: (topic: string, partition: number) => `e${S}${topic}${S}${partition}`,
  /** Sum of a topic's end offsets: records produced, as a counter. */
  produced: (topic: string) => `T${S}${topic}`,
  /** Bytes of a topic on its partitions' leaders. */
  bytes: (topic: string) => `B${S}${topic}`,
  /** Committed offset of a group on a partition. */
  committed: (group: string, topic: string, partition: number) => `c${S}${group}${S}${topic}${S}${partition}`,
  /** A group's lag summed over its partitions. */
  groupLag: (group: string) => `L${S}${group}`,
  /** Sum of a group's committed offsets: records consumed, as a counter. */
  consumed: (group: string) => `C${S}${group}`,
  /** A group's lag on one topic. */
  groupTopicLag: (group: string, topic: string) => `l${S}${group}${S}${topic}`,
  /** Prefix of a group's committed-offset series. */
  committedPrefix: (group: string) => `c${S}${group}${S}`,
  /** Prefix of the groups' per-topic lag series. */
  groupTopicPrefix: (group: string) => `l${S}${group}${S}`,
  /** Parts after the kind letter. */
  parts: (key: string) => key.split(S).slice(1),
};
