import type { AclBinding, AclWizard } from '@/lib/schemas/acls';

/**
 * The bindings the common client kinds need, as the ACL wizards propose them:
 * - producer: Write, Describe and Create on its topic(s) (kafka-acls --producer gives the same);
 *   Write and Describe on its transactional id; IdempotentWrite on the cluster when asked
 *   (brokers before 2.8 required it for idempotence).
 * - consumer: Read and Describe on its topic(s), Read on its group (kafka-acls --consumer).
 * - Kafka Streams: Read on inputs, Write on outputs (both with Describe), everything on the
 *   internal topics (prefixed by the application id), Read on the group of that id, and for
 *   exactly-once Write and Describe on the transactional ids it prefixes, and IdempotentWrite.
 * - Connect worker: Read on its group; Read, Write, Describe, Create and DescribeConfigs on its
 *   config, offset and status topics (it checks their cleanup.policy); Write, Describe and
 *   Create on source connectors' topics; Read and Describe on sink connectors' topics, and Read
 *   on the groups sink connectors use (prefixed "connect-").
 * Pure.
 */
type Partial = Omit<AclBinding, 'principal' | 'host' | 'permission'>;

const topic = (name: string, prefixed: boolean, ...ops: AclBinding['operation'][]): Partial[] =>
  ops.map((operation) => ({ resourceType: 'topic', resourceName: name, patternType: prefixed ? 'prefixed' : 'literal', operation }));
const group = (name: string, prefixed: boolean): Partial => ({
  resourceType: 'group',
  resourceName: name,
  patternType: prefixed ? 'prefixed' : 'literal',
  operation: 'read',
});
const txn = (name: string, prefixed: boolean): Partial[] =>
  (['write', 'describe'] as const).map((operation) => ({
    resourceType: 'transactionalId',
    resourceName: name,
    patternType: prefixed ? 'prefixed' : 'literal',
    operation,
  }));
const idempotent: Partial = { resourceType: 'cluster', resourceName: 'kafka-cluster', patternType: 'literal', operation: 'idempotentWrite' };

export function wizardBindings(w: AclWizard): AclBinding[] {
  if (w.kind === 'single') return [w.binding];
  let parts: Partial[];
  switch (w.kind) {
    case 'producer':
      parts = [...topic(w.topic, w.prefixed, 'write', 'describe', 'create'), ...(w.transactionalId ? txn(w.transactionalId, false) : [])];
      if (w.idempotent) parts.push(idempotent);
      break;
    case 'consumer':
      parts = [...topic(w.topic, w.prefixed, 'read', 'describe'), group(w.group, w.groupPrefixed)];
      break;
    case 'streams':
      parts = [
        ...w.inputTopics.flatMap((t) => topic(t, false, 'read', 'describe')),
        ...w.outputTopics.flatMap((t) => topic(t, false, 'write', 'describe')),
        ...topic(w.applicationId, true, 'all'),
        group(w.applicationId, false),
      ];
      if (w.exactlyOnce) parts.push(...txn(w.applicationId, true), idempotent);
      break;
    case 'connect':
      parts = [
        group(w.groupId, false),
        ...[w.configTopic, w.offsetTopic, w.statusTopic].flatMap((t) => topic(t, false, 'read', 'write', 'describe', 'create', 'describeConfigs')),
        ...w.sourceTopics.flatMap((t) => topic(t, false, 'write', 'describe', 'create')),
        ...w.sinkTopics.flatMap((t) => topic(t, false, 'read', 'describe')),
      ];
      if (w.sinkTopics.length) parts.push(group('connect-', true));
      break;
  }
  return dedupe(parts.map((p) => ({ ...p, principal: w.principal, host: w.host, permission: 'allow' })));
}

export const bindingKey = (b: AclBinding) => [b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.operation, b.permission].join('\u0000');

function dedupe(bindings: AclBinding[]): AclBinding[] {
  const seen = new Set<string>();
  return bindings.filter((b) => {
    const k = bindingKey(b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
