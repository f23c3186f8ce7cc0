import { describe, expect, test } from 'vitest';
import { diffReplicas, PlanError, proposeAssignment, reassignmentJson, type Assignment } from './plan';

const brokers = (...ids: number[]) => ids.map((id) => ({ id, rack: null }));
const parts = (topic: string, replicas: number[][]): Assignment[] => replicas.map((r, partition) => ({ topic, partition, replicas: r }));
const count = (plan: Assignment[], pick: (a: Assignment) => number[]) => {
  const m = new Map<number, number>();
  for (const p of plan) for (const b of pick(p)) m.set(b, (m.get(b) ?? 0) + 1);
  return m;
};
const replicasPer = (plan: Assignment[]) => count(plan, (p) => p.replicas);
const leadersPer = (plan: Assignment[]) => count(plan, (p) => [p.replicas[0]]);
const moved = (before: Assignment[], after: Assignment[]) => after.reduce((s, p, i) => s + diffReplicas(before[i].replicas, p.replicas).adding.length, 0);
const spread = (m: Map<number, number>, ids: number[]) => Math.max(...ids.map((i) => m.get(i) ?? 0)) - Math.min(...ids.map((i) => m.get(i) ?? 0));

describe('proposeAssignment', () => {
  test('a balanced topic keeps every replica and leader where it is', () => {
    const now = parts('t', [
      [1, 2],
      [2, 3],
      [3, 1],
    ]);
    expect(proposeAssignment(now, brokers(1, 2, 3))).toEqual(now);
  });

  test('a topic skewed onto one broker is spread evenly with the fewest moves', () => {
    const now = parts('t', [[1], [1], [1], [1], [1], [1]]);
    const plan = proposeAssignment(now, brokers(1, 2, 3));
    expect([...replicasPer(plan).values()]).toEqual([2, 2, 2]);
    expect(moved(now, plan)).toBe(4);
  });

  test('preferred leaders are spread without moving data when the replica sets are already even', () => {
    const now = parts(
      't',
      Array.from({ length: 6 }, () => [1, 2, 3]),
    );
    const plan = proposeAssignment(now, brokers(1, 2, 3));
    expect(moved(now, plan)).toBe(0);
    expect([...leadersPer(plan).values()].sort()).toEqual([2, 2, 2]);
    expect(plan.every((p) => [...p.replicas].sort().join() === '1,2,3')).toBe(true);
  });

  test('decommission: nothing stays on the removed broker, the factor is kept and the rest stays even', () => {
    const now = parts('t', [
      [1, 2],
      [2, 3],
      [3, 1],
      [1, 3],
      [2, 1],
      [3, 2],
    ]);
    const plan = proposeAssignment(now, brokers(1, 2));
    expect(plan.every((p) => p.replicas.length === 2 && !p.replicas.includes(3))).toBe(true);
    // Partitions that did not use broker 3 are untouched.
    for (const i of [0, 4]) expect(plan[i].replicas).toEqual(now[i].replicas);
  });

  test('raising the replication factor adds replicas and keeps the leader', () => {
    const now = parts('t', [[1], [2], [3]]);
    const plan = proposeAssignment(now, brokers(1, 2, 3), 3);
    expect(plan.map((p) => p.replicas[0])).toEqual([1, 2, 3]);
    expect(plan.every((p) => new Set(p.replicas).size === 3)).toBe(true);
  });

  test('lowering the replication factor keeps the leader and stays even', () => {
    const now = parts(
      't',
      Array.from({ length: 6 }, (_, i) => [(i % 3) + 1, ((i + 1) % 3) + 1, ((i + 2) % 3) + 1]),
    );
    const plan = proposeAssignment(now, brokers(1, 2, 3), 2);
    expect(plan.map((p) => p.replicas[0])).toEqual(now.map((p) => p.replicas[0]));
    expect(plan.every((p) => p.replicas.length === 2)).toBe(true);
    expect([...replicasPer(plan).values()]).toEqual([4, 4, 4]);
  });

  test('rack-aware: each partition lands on both racks', () => {
    const racks = [
      { id: 1, rack: 'a' },
      { id: 2, rack: 'a' },
      { id: 3, rack: 'b' },
      { id: 4, rack: 'b' },
    ];
    const now = parts('t', [
      [1, 2],
      [1, 2],
      [3, 4],
      [3, 4],
    ]);
    const plan = proposeAssignment(now, racks);
    const rackOf = new Map(racks.map((r) => [r.id, r.rack]));
    expect(plan.every((p) => new Set(p.replicas.map((b) => rackOf.get(b))).size === 2)).toBe(true);
    expect(spread(replicasPer(plan), [1, 2, 3, 4])).toBeLessThanOrEqual(1);
  });

  test('rack-aware, a broker added to one rack: only its share moves, all onto it, every rack kept', () => {
    const racked = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, rack: `r${i % 3}` }));
    const byRack = [0, 1, 2].map((r) => racked.filter((b) => b.rack === `r${r}` && b.id !== 12).map((b) => b.id));
    const now = parts(
      't',
      Array.from({ length: 1200 }, (_, i) => byRack.map((members, r) => members[(i + r) % members.length])),
    );
    const plan = proposeAssignment(now, racked);
    expect(moved(now, plan)).toBe(300);
    expect(
      spread(
        replicasPer(plan),
        racked.map((b) => b.id),
      ),
    ).toBe(0);
    expect(plan.every((p, i) => diffReplicas(now[i].replicas, p.replicas).adding.every((b) => b === 12))).toBe(true);
    expect(plan.every((p) => new Set(p.replicas.map((b) => (b - 1) % 3)).size === 3)).toBe(true);
  });

  test('rack-aware from a layout that ignored racks: every partition on three racks and the replicas even', () => {
    const racked = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, rack: `r${i % 3}` }));
    const now = parts(
      't',
      Array.from({ length: 1100 }, (_, i) => [0, 4, 8].map((k) => ((i + k) % 11) + 1)),
    );
    const plan = proposeAssignment(now, racked);
    expect(plan.every((p) => new Set(p.replicas.map((b) => (b - 1) % 3)).size === 3)).toBe(true);
    expect(
      spread(
        replicasPer(plan),
        racked.map((b) => b.id),
      ),
    ).toBeLessThanOrEqual(1);
    expect(
      spread(
        leadersPer(plan),
        racked.map((b) => b.id),
      ),
    ).toBeLessThanOrEqual(1);
  });

  test('a factor above the broker count is refused, naming the field', () => {
    const err = (() => {
      try {
        proposeAssignment(parts('t', [[1]]), brokers(1, 2), 3);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PlanError);
    expect((err as PlanError).field).toBe('replicationFactor');
    expect((err as PlanError).message).toContain('needs 3 brokers');
  });

  test('random assignments: factor kept, no broker twice, only target brokers, even replicas and leaders', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 65536) % n;
    };
    for (let round = 0; round < 200; round++) {
      const all = [1, 2, 3, 4, 5, 6].slice(0, 2 + rnd(5));
      const leaving = all.length < 3 ? -1 : all[rnd(all.length)];
      const targets = all.filter((b) => b !== leaving);
      const rf = 1 + rnd(Math.min(3, targets.length));
      const now: Assignment[] = Array.from({ length: 1 + rnd(30) }, (_, partition) => {
        const set = new Set<number>();
        while (set.size < rf) set.add(all[rnd(all.length)]);
        return { topic: 't', partition, replicas: [...set] };
      });
      const plan = proposeAssignment(now, brokers(...targets));
      for (const p of plan) {
        expect(p.replicas.length).toBe(rf);
        expect(new Set(p.replicas).size).toBe(rf);
        expect(p.replicas.every((b) => targets.includes(b))).toBe(true);
      }
      expect(spread(replicasPer(plan), targets)).toBeLessThanOrEqual(1);
      expect(spread(leadersPer(plan), targets)).toBeLessThanOrEqual(1);
      // Idempotent: planning the plan again moves nothing.
      expect(moved(plan, proposeAssignment(plan, brokers(...targets)))).toBe(0);
    }
  });
});

describe('diffReplicas and the reassignment file', () => {
  test('adding, removing and a change of order only', () => {
    expect(diffReplicas([1, 2], [2, 3])).toEqual({ adding: [3], removing: [1], changed: true });
    expect(diffReplicas([1, 2], [2, 1])).toEqual({ adding: [], removing: [], changed: true });
    expect(diffReplicas([1, 2], [1, 2])).toEqual({ adding: [], removing: [], changed: false });
  });

  test('the file is the one kafka-reassign-partitions reads', () => {
    expect(JSON.parse(reassignmentJson([{ topic: 'a', partition: 0, replicas: [2, 1] }]))).toEqual({
      version: 1,
      partitions: [{ topic: 'a', partition: 0, replicas: [2, 1], log_dirs: ['any', 'any'] }],
    });
  });
});
