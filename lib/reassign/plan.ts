/**
 * The balanced assignment a reassignment plan proposes, worked out from the current one alone
 * (pure: the API and its tests use it as is). Goals, in order:
 *   1. every partition gets its replication factor, on the target brokers only, no broker twice;
 *   2. replicas per broker as even as they can be (max - min <= 1 when the scope allows);
 *   3. as few replicas moved as that allows: a replica stays where it is unless its broker
 *      leaves the plan or holds more than its share;
 *   4. rack-aware when every target broker has a rack: a partition's replicas on as many
 *      racks as possible, never fewer than before a move;
 *   5. preferred leaders (first replicas) spread evenly, keeping the current one where it may.
 * Balance is counted over the partitions in scope, as kafka-reassign-partitions --generate does.
 */

export interface Assignment {
  topic: string;
  partition: number;
  replicas: number[];
}

export interface TargetBroker {
  id: number;
  rack: string | null;
}

export class PlanError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

interface Work {
  topic: string;
  partition: number;
  current: number[];
  rf: number;
  members: number[];
}

/** Bounds the balancing loops: each step moves one replica, so this many steps is more than any plan needs. */
const stepBudget = (partitions: number, rf: number) => partitions * rf * 4 + 100;

export function proposeAssignment(current: Assignment[], brokers: TargetBroker[], replicationFactor?: number): Assignment[] {
  if (brokers.length === 0) throw new PlanError('Choose at least one broker to place replicas on', 'brokers');
  const ids = [...new Set(brokers.map((b) => b.id))].sort((a, b) => a - b);
  const rack = new Map(brokers.map((b) => [b.id, b.rack]));
  const rackAware = brokers.every((b) => b.rack) && new Set(brokers.map((b) => b.rack)).size > 1;
  const inTarget = new Set(ids);

  const work: Work[] = current.map((p) => {
    const rf = replicationFactor ?? p.replicas.length;
    if (rf > ids.length)
      throw new PlanError(
        `Replication factor ${rf} for ${p.topic} needs ${rf} brokers; the plan has ${ids.length} (${ids.join(', ')})`,
        replicationFactor ? 'replicationFactor' : 'brokers',
      );
    return { topic: p.topic, partition: p.partition, current: p.replicas, rf, members: [...new Set(p.replicas)].filter((b) => inTarget.has(b)) };
  });

  const load = new Map(ids.map((id) => [id, 0]));
  for (const w of work) for (const b of w.members) load.set(b, (load.get(b) ?? 0) + 1);
  const racksOf = (members: number[]) => new Set(members.map((b) => rack.get(b)));
  const byLoad = (a: number, b: number) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b;

  // A lower replication factor: drop the most loaded replicas, keeping the current leader.
  for (const w of work) {
    while (w.members.length > w.rf) {
      const candidates = w.members.filter((_, i) => i > 0 || w.members.length === 1).sort(byLoad);
      const drop = candidates[candidates.length - 1];
      w.members = w.members.filter((b) => b !== drop);
      load.set(drop, (load.get(drop) ?? 0) - 1);
    }
  }

  const total = work.reduce((s, w) => s + w.rf, 0);
  const ceil = Math.ceil(total / ids.length);

  // Brokers above their share give up replicas they do not lead first.
  for (const id of ids) {
    for (const w of work) {
      if ((load.get(id) ?? 0) <= ceil) break;
      const at = w.members.indexOf(id);
      if (at > 0) {
        w.members.splice(at, 1);
        load.set(id, (load.get(id) ?? 0) - 1);
      }
    }
    for (const w of work) {
      if ((load.get(id) ?? 0) <= ceil) break;
      if (w.members[0] === id) {
        w.members.shift();
        load.set(id, (load.get(id) ?? 0) - 1);
      }
    }
  }

  // Fill each partition up to its replication factor from the least loaded brokers, new racks first.
  for (const w of work) {
    while (w.members.length < w.rf) {
      const used = racksOf(w.members);
      const pick = ids
        .filter((b) => !w.members.includes(b))
        .sort((a, b) => (rackAware ? Number(used.has(rack.get(a))) - Number(used.has(rack.get(b))) : 0) || byLoad(a, b))[0];
      w.members.push(pick);
      load.set(pick, (load.get(pick) ?? 0) + 1);
    }
  }

  // Spread each partition over as many racks as it can have: swap a replica that shares a rack for one on a rack it lacks.
  if (rackAware) {
    const rackCount = new Set(brokers.map((b) => b.rack)).size;
    for (const w of work) {
      while (racksOf(w.members).size < Math.min(w.rf, rackCount)) {
        const used = racksOf(w.members);
        const dupes = w.members.filter((b, i) => i > 0 && w.members.some((o, j) => j !== i && rack.get(o) === rack.get(b))).sort(byLoad);
        const into = ids.filter((b) => !used.has(rack.get(b))).sort(byLoad)[0];
        const out = dupes[dupes.length - 1] ?? w.members[w.members.length - 1];
        if (into === undefined || out === undefined) break;
        w.members = w.members.map((b) => (b === out ? into : b));
        load.set(out, (load.get(out) ?? 0) - 1);
        load.set(into, (load.get(into) ?? 0) + 1);
      }
    }
  }

  // Even out what is left: move one replica from a full broker to an empty one, never onto fewer
  // racks. Each broker indexes the partitions it holds; each (from, to) pair keeps a cursor into
  // that index, so a pair no partition suits costs one scan in all, not one per step.
  const holding = new Map(ids.map((id) => [id, [] as Work[]]));
  for (const w of work) for (const b of w.members) holding.get(b)?.push(w);
  const cursor = new Map<string, number>();
  const suits = (w: Work, from: number, to: number): boolean => {
    if (!w.members.includes(from) || w.members.includes(to)) return false;
    if (!rackAware || rack.get(from) === rack.get(to)) return true;
    // Swapping loses a rack only when `from` is alone on its rack and `to`'s rack is there already.
    const fromAlone = w.members.filter((b) => rack.get(b) === rack.get(from)).length === 1;
    return !(fromAlone && w.members.some((b) => rack.get(b) === rack.get(to)));
  };
  const findMove = (from: number, to: number): Work | undefined => {
    const list = holding.get(from) ?? [];
    const k = `${from}:${to}`;
    let i = cursor.get(k) ?? 0;
    while (i < list.length && !suits(list[i], from, to)) i++;
    cursor.set(k, i);
    return list[i];
  };
  for (let step = stepBudget(work.length, ceil); step > 0; step--) {
    const sorted = [...ids].sort(byLoad);
    let moved = false;
    for (let h = sorted.length - 1; h > 0 && !moved; h--) {
      const hi = sorted[h];
      for (let l = 0; l < h && (load.get(hi) ?? 0) - (load.get(sorted[l]) ?? 0) > 1; l++) {
        const lo = sorted[l];
        const w = findMove(hi, lo);
        if (!w) continue;
        w.members = w.members.map((b) => (b === hi ? lo : b));
        holding.get(lo)?.push(w);
        load.set(hi, (load.get(hi) ?? 0) - 1);
        load.set(lo, (load.get(lo) ?? 0) + 1);
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }

  return orderLeaders(work, ids);
}

/** Chooses each partition's first replica so that preferred leaders spread evenly, keeping the current leader where it may. */
function orderLeaders(work: Work[], ids: number[]): Assignment[] {
  const leaders = new Map(ids.map((id) => [id, 0]));
  const ceil = Math.ceil(work.length / ids.length);
  const chosen = new Map<Work, number>();
  for (const w of work) {
    const now = w.current[0];
    if (w.members.includes(now) && (leaders.get(now) ?? 0) < ceil) {
      chosen.set(w, now);
      leaders.set(now, (leaders.get(now) ?? 0) + 1);
    }
  }
  for (const w of work) {
    if (chosen.has(w)) continue;
    const pick = [...w.members].sort((a, b) => (leaders.get(a) ?? 0) - (leaders.get(b) ?? 0) || a - b)[0];
    chosen.set(w, pick);
    leaders.set(pick, (leaders.get(pick) ?? 0) + 1);
  }
  // Swap leadership inside a partition from a broker above the share to one well below it.
  for (let step = stepBudget(work.length, 1); step > 0; step--) {
    let moved = false;
    for (const w of work) {
      const l = chosen.get(w) as number;
      const alt = w.members.filter((b) => b !== l).sort((a, b) => (leaders.get(a) ?? 0) - (leaders.get(b) ?? 0))[0];
      if (alt !== undefined && (leaders.get(l) ?? 0) - (leaders.get(alt) ?? 0) > 1) {
        chosen.set(w, alt);
        leaders.set(l, (leaders.get(l) ?? 0) - 1);
        leaders.set(alt, (leaders.get(alt) ?? 0) + 1);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return work.map((w) => {
    const leader = chosen.get(w) as number;
    // Kept replicas stay in their current order after the leader, new ones follow.
    const kept = w.current.filter((b) => b !== leader && w.members.includes(b));
    const added = w.members.filter((b) => b !== leader && !w.current.includes(b));
    return { topic: w.topic, partition: w.partition, replicas: [leader, ...kept, ...added] };
  });
}

/** Replicas a target adds and removes compared with the current assignment. */
export function diffReplicas(current: number[], target: number[]): { adding: number[]; removing: number[]; changed: boolean } {
  const adding = target.filter((b) => !current.includes(b));
  const removing = current.filter((b) => !target.includes(b));
  const changed = adding.length > 0 || removing.length > 0 || current.some((b, i) => target[i] !== b) || current.length !== target.length;
  return { adding, removing, changed };
}

/** Kafka's reassignment file, as kafka-reassign-partitions reads and writes it. */
export function reassignmentJson(partitions: Assignment[]): string {
  return JSON.stringify({
    version: 1,
    partitions: partitions.map((p) => ({ topic: p.topic, partition: p.partition, replicas: p.replicas, log_dirs: p.replicas.map(() => 'any') })),
  });
}
