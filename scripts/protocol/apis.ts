/**
 * The Kafka APIs the console speaks through lib/kafka/protocol/: one entry per API, named as
 * in Kafka's message definitions (common/message/<Name>Request.json and <Name>Response.json).
 * Add a name here and run `npx tsx scripts/protocol/generate.ts` to get its codec.
 */
export const APIS = [
  // Sent by the console today.
  'ApiVersions',
  'Metadata',
  'Fetch',
  'ListOffsets',
  'FindCoordinator',
  'DescribeQuorum',
  'DescribeConfigs',
  'IncrementalAlterConfigs',
  'CreateTopics',
  'CreatePartitions',
  'DeleteTopics',
  'DescribeLogDirs',
  'ListGroups',
  'ConsumerGroupDescribe',
  'OffsetCommit',
  'OffsetDelete',
  // The lag-history sampler: committed offsets of many groups per coordinator (v8+).
  'OffsetFetch',
  // Tests write exact record batches with it (kafkajs stays the console's producer).
  'Produce',
  // Generated ahead of their callers.
  'DescribeCluster',
  'ElectLeaders',
  'AlterPartitionReassignments',
  'ListPartitionReassignments',
  'DescribeUserScramCredentials',
  'AlterUserScramCredentials',
  'DescribeClientQuotas',
  'AlterClientQuotas',
  'DescribeAcls',
  'CreateAcls',
  'DeleteAcls',
  'UpdateFeatures',
  'ShareGroupDescribe',
  'DescribeShareGroupOffsets',
  'AlterShareGroupOffsets',
  'DeleteShareGroupOffsets',
  'StreamsGroupDescribe',
  'DescribeProducers',
  'DescribeTransactions',
  'ListTransactions',
] as const;

/** Header definitions (common/message/<Name>.json). */
export const HEADERS = ['RequestHeader', 'ResponseHeader'] as const;
