/**
 * Response types shared by server code and the browser (type-only: no server code leaks).
 * Where the API declares a response schema (lib/schemas/), the type is inferred from it.
 */
export type { ClusterOverview, BrokerStatus } from '@/lib/kafka/overview';
export type { TopicDetail, PartitionDetail } from '@/lib/kafka/topics';
export type { PublicCluster, ClusterList } from '@/lib/schemas/clusters';
export type { TopicSummary, TopicList, CreateTopicOutcome, DeletedTopic, AddPartitionsOutcome } from '@/lib/schemas/topics';
export type { ConfigEntry, ResourceConfigs, AlterConfigOutcome } from '@/lib/schemas/configs';
export type {
  GroupsPage,
  GroupSummary,
  GroupDetail,
  StreamsGroupInfo,
  GroupMember,
  GroupPartition,
  ResetPreview,
  ResetRow,
  CommittedRow,
  ResetOutcome,
} from '@/lib/schemas/groups';
export type {
  WireBytes,
  WireHeader,
  WireRecord,
  PartitionWarning,
  MessagesPage,
  ProduceResult,
  StreamEvent,
  StreamProgress,
  StreamDone,
  StreamError,
} from '@/lib/schemas/messages';
export type { AuditEntry, AuditPage, AuditRow, UndoStatus, UndoPlan, UndoOutcome } from '@/lib/schemas/audit';
export type { Me, AccessReport, SignIn } from '@/lib/schemas/auth';
