/** Response types shared by server code and the browser (type-only: no server code leaks). */
export type { ClusterOverview, BrokerStatus } from '@/lib/kafka/overview';
export type { GroupsPage, GroupSummary } from '@/lib/kafka/groups/list';
export type { GroupDetail, GroupMember, GroupPartition } from '@/lib/kafka/groups/describe';
export type { ResetPreview, ResetRow, CommittedRow } from '@/lib/kafka/groups/reset';
export type { TopicSummary, TopicList, TopicDetail, PartitionDetail, CreateTopicOutcome, AddPartitionsOutcome } from '@/lib/kafka/topics';
export type { ConfigEntry, ResourceConfigs, AlterConfigOutcome } from '@/lib/kafka/configs';
export type { AuditPage, AuditRow, UndoStatus } from '@/lib/audit/trail';
export type { UndoPlan } from '@/lib/audit/undo-plan';
export type { UndoOutcome } from '@/lib/audit/undo';
