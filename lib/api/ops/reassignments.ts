import { op } from '../operation';
import { clusterParams } from '@/lib/schemas/common';
import {
  cancelBody,
  cancelOutcome,
  executeBody,
  executeOutcome,
  generateBody,
  generatedPlan,
  previewBody,
  reassignmentPreview,
  reassignmentStatus,
  verifyBody,
  verifyOutcome,
  type CancelOutcome,
  type ExecuteOutcome,
  type VerifyOutcome,
} from '@/lib/schemas/reassignments';

const tag = 'Reassignments';
const badPlan = {
  404: 'No such topic or partition',
  413: 'Too many partitions in scope',
  422: 'A broker that is not in the cluster, a replication factor above the broker count, or nothing to move',
};

export const generateReassignment = op({
  id: 'generateReassignment',
  permission: 'cluster:view',
  method: 'post',
  path: '/api/clusters/{cluster}/reassignments/generate',
  tag,
  summary:
    'Propose a balanced assignment (kafka-reassign-partitions --generate): topics over brokers, rack-aware, as few moves as possible, optionally a new replication factor or a broker to empty. Changes nothing',
  params: clusterParams,
  body: generateBody,
  response: generatedPlan,
  errors: badPlan,
});

export const previewReassignment = op({
  id: 'previewReassignment',
  permission: 'cluster:view',
  method: 'post',
  path: '/api/clusters/{cluster}/reassignments/preview',
  tag,
  summary: 'What a (possibly edited) plan moves: partitions, bytes to copy per broker, the reassignment file and commands. Changes nothing',
  params: clusterParams,
  body: previewBody,
  response: reassignmentPreview,
  errors: badPlan,
});

export const getReassignments = op({
  id: 'getReassignments',
  permission: 'cluster:view',
  method: 'get',
  path: '/api/clusters/{cluster}/reassignments',
  tag,
  summary: "Reassignments Kafka is running (whoever started them) with bytes copied, throttle rates set on brokers, and the console's recent runs",
  params: clusterParams,
  response: reassignmentStatus,
});

export const executeReassignment = op({
  id: 'executeReassignment',
  permission: 'partitions:reassign',
  method: 'post',
  path: '/api/clusters/{cluster}/reassignments',
  tag,
  summary:
    'Start a reassignment (AlterPartitionReassignments) with an optional replication throttle set where kafka-reassign-partitions sets it; the replicas before are kept with the run',
  params: clusterParams,
  body: executeBody,
  mutates: true,
  audit: (r) => {
    const o = r as ExecuteOutcome;
    return {
      resource: 'reassignment',
      before: o.started.map((p) => ({ topic: p.topic, partition: p.partition, replicas: p.previous })),
      after: { started: o.started, throttle: o.throttle, throttled: o.throttled },
    };
  },
  response: executeOutcome,
  errors: { ...badPlan, 409: 'A partition is being reassigned already, or throttle configs are set already' },
});

export const verifyReassignment = op({
  id: 'verifyReassignment',
  permission: 'partitions:reassign',
  method: 'post',
  path: '/api/clusters/{cluster}/reassignments/verify',
  tag,
  summary: 'kafka-reassign-partitions --verify: whether each partition has its target replicas; once none moves, removes the throttle configs',
  params: clusterParams,
  body: verifyBody,
  mutates: true,
  audit: (r) => ({ resource: 'reassignment', after: (r as VerifyOutcome).removedThrottles }),
  response: verifyOutcome,
  errors: { 404: 'No such topic or partition', 422: 'A broker that is not in the cluster' },
});

export const cancelReassignment = op({
  id: 'cancelReassignment',
  permission: 'partitions:reassign',
  method: 'post',
  path: '/api/clusters/{cluster}/reassignments/cancel',
  tag,
  summary: 'Cancel reassignments (AlterPartitionReassignments with no target): the partitions keep their original replicas; the throttle goes',
  params: clusterParams,
  body: cancelBody,
  mutates: true,
  audit: (r) => ({ resource: 'reassignment', after: (r as CancelOutcome).cancelled }),
  response: cancelOutcome,
  errors: { 409: 'None of these partitions is being reassigned' },
});
