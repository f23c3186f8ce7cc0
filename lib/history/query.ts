import 'server-only';
import { HISTORY_RANGES, MAX_POINTS, type GroupHistory, type GroupsSummary, type TopicHistory, type TopicsSummary } from '@/lib/schemas/history';
import { groupDrain, rateSince, rates, slopeSince, thin, timeLags, type Series } from './analysis';
import { K } from './keys';
import { clusterHistory, type ClusterHistory } from './service';

/** What the history pages and list columns read: the store and the newest rounds in memory. */

const OFF_REASON =
  'No history here: history sampling is off for this cluster (history.enabled in the console config), or this console process has not started it';

type Range = keyof typeof HISTORY_RANGES;

/** The window the recent rates (and so the drain estimate and trends) are measured over. */
export function recentWindowMs(h: ClusterHistory): number {
  return Math.min(10 * 60_000, Math.max(10_000, 5 * h.config.intervalSeconds * 1000));
}

function valueAt(s: Series | undefined): Map<number, number> {
  const m = new Map<number, number>();
  if (s) for (let i = 0; i < s.t.length; i++) m.set(s.t[i], s.v[i]);
  return m;
}

const pick = <T>(xs: T[], idx: number[]) => idx.map((i) => xs[i]);

export function groupHistory(clusterId: string, groupId: string, range: Range, now = Date.now()): GroupHistory {
  const h = clusterHistory(clusterId);
  if (!h) return { available: false, reason: OFF_REASON };
  const from = now - HISTORY_RANGES[range];
  const tier = h.store.tierFor(from, now);
  const committedKeys = h.store.keysWithPrefix(K.committedPrefix(groupId));
  const parts = committedKeys.map((k) => {
    const [, topic, partition] = K.parts(k);
    return { topic, partition: Number(partition), ck: k, ek: K.end(topic, Number(partition)) };
  });
  const q = h.store.query([K.groupLag(groupId), K.consumed(groupId), ...parts.flatMap((p) => [p.ck, p.ek])], from, now, { now });
  const base = q.get(K.groupLag(groupId));
  const t = base?.t ?? [];
  const windowFrom = now - recentWindowMs(h);

  const produced = new Map<number, number>();
  const slowestTimeLag = new Map<number, number | null>();
  const perPartition = parts
    .map((p) => {
      const c = q.get(p.ck);
      const e = q.get(p.ek);
      if (!c || !e) return null;
      const ev = valueAt(e);
      const cv = valueAt(c);
      for (const ts of t) {
        const x = ev.get(ts);
        if (x !== undefined) produced.set(ts, (produced.get(ts) ?? 0) + x);
      }
      const tl = timeLags(e, c);
      c.t.forEach((ts, i) => {
        const v = tl[i];
        const prev = slowestTimeLag.get(ts);
        if (v === null || prev === null) slowestTimeLag.set(ts, null);
        else slowestTimeLag.set(ts, Math.max(prev ?? 0, v));
      });
      const lag = t.map((ts) => {
        const a = ev.get(ts);
        const b = cv.get(ts);
        return a === undefined || b === undefined ? null : Math.max(0, a - b);
      });
      const lastE = e.v.at(-1);
      const lastC = c.v.at(-1);
      const current = lastE === undefined || lastC === undefined ? null : Math.max(0, lastE - lastC);
      return {
        topic: p.topic,
        partition: p.partition,
        lag,
        current,
        consumeRate: rateSince(c, windowFrom),
        produceRate: rateSince(e, windowFrom),
      };
    })
    .filter((x) => x !== null);
  const { drain, slowest } = groupDrain(perPartition.filter((p) => p.current !== null).map((p) => ({ ...p, lag: p.current as number })));
  const producedSeries = { t: t.filter((ts) => produced.has(ts)), v: t.filter((ts) => produced.has(ts)).map((ts) => produced.get(ts) as number) };
  const prodRate = valueAt({ t: producedSeries.t, v: rates(producedSeries).map((x) => x ?? Number.NaN) });
  const consumed = q.get(K.consumed(groupId));
  const consRate = consumed ? valueAt({ t: consumed.t, v: rates(consumed).map((x) => x ?? Number.NaN) }) : new Map<number, number>();
  const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);

  const idx = thin(t.length, MAX_POINTS);
  const top = [...perPartition].sort((a, b) => (b.current ?? -1) - (a.current ?? -1)).slice(0, 20);
  return {
    available: true,
    range,
    tier: tier.name,
    t: pick(t, idx),
    lag: pick(base?.v ?? [], idx),
    timeLagMs: pick(
      t.map((ts) => slowestTimeLag.get(ts) ?? null),
      idx,
    ),
    consumeRate: pick(
      t.map((ts) => num(consRate.get(ts))),
      idx,
    ),
    produceRate: pick(
      t.map((ts) => num(prodRate.get(ts))),
      idx,
    ),
    partitions: top.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      lag: pick(p.lag, idx),
      current: p.current,
      consumeRate: p.consumeRate,
      produceRate: p.produceRate,
      drain: groupDrain(p.current === null ? [] : [{ ...p, lag: p.current }]).drain,
    })),
    partitionsOmitted: perPartition.length - top.length,
    drain,
    slowest: slowest ? { topic: slowest.topic, partition: slowest.partition } : null,
    windowMs: recentWindowMs(h),
    sampler: h.snapshot(),
  };
}

export function topicHistory(clusterId: string, topic: string, range: Range, canSee: (group: string) => boolean, now = Date.now()): TopicHistory {
  const h = clusterHistory(clusterId);
  if (!h) return { available: false, reason: OFF_REASON };
  const from = now - HISTORY_RANGES[range];
  const tier = h.store.tierFor(from, now);
  const groups = h.groupsConsuming(topic).filter(canSee).slice(0, 50);
  const q = h.store.query([K.produced(topic), K.bytes(topic), ...groups.map((g) => K.groupTopicLag(g, topic))], from, now, { now });
  const produced = q.get(K.produced(topic)) ?? { t: [], v: [] };
  const bytes = valueAt(q.get(K.bytes(topic)));
  const t = produced.t;
  const bytesSeries = { t: t.filter((ts) => bytes.has(ts)), v: t.filter((ts) => bytes.has(ts)).map((ts) => bytes.get(ts) as number) };
  const bytesRate = valueAt({ t: bytesSeries.t, v: rates(bytesSeries).map((x) => x ?? Number.NaN) });
  const idx = thin(t.length, MAX_POINTS);
  const windowFrom = now - recentWindowMs(h);
  return {
    available: true,
    range,
    tier: tier.name,
    t: pick(t, idx),
    produceRate: pick(rates(produced), idx),
    bytesRate: pick(
      t.map((ts) => {
        const x = bytesRate.get(ts);
        return x === undefined || Number.isNaN(x) ? null : x;
      }),
      idx,
    ),
    groups: groups
      .map((group) => {
        const s = q.get(K.groupTopicLag(group, topic));
        const lv = valueAt(s);
        return {
          group,
          lag: s?.v.at(-1) ?? null,
          trendPerSec: s ? slopeSince(s, windowFrom) : null,
          lagSeries: pick(
            t.map((ts) => lv.get(ts) ?? null),
            idx,
          ),
        };
      })
      .sort((a, b) => (b.lag ?? -1) - (a.lag ?? -1)),
    sampler: h.snapshot(),
  };
}

export function groupsSummary(clusterId: string, ids: string[], range: Range, now = Date.now()): GroupsSummary {
  const h = clusterHistory(clusterId);
  if (!h) return { available: false, reason: OFF_REASON, groups: {} };
  const q = h.store.query(
    ids.map((g) => K.groupLag(g)),
    now - HISTORY_RANGES[range],
    now,
    { now },
  );
  const groups: GroupsSummary['groups'] = {};
  for (const id of ids) {
    const s = q.get(K.groupLag(id));
    if (!s) continue;
    const idx = thin(s.t.length, 60);
    groups[id] = { t: pick(s.t, idx), lag: pick(s.v, idx), growthPerSec: slopeSince(s, now - Math.min(HISTORY_RANGES[range], 10 * recentWindowMs(h))) };
  }
  return { available: true, reason: null, groups };
}

/** Lag growth per group over the recent rounds in memory, for sorting the groups list. */
export function lagGrowth(clusterId: string): Map<string, number> {
  const out = new Map<string, number>();
  const h = clusterHistory(clusterId);
  const { newest, oldest } = h?.recentWindow() ?? { newest: null, oldest: null };
  if (!newest || !oldest || newest.ts <= oldest.ts) return out;
  const dt = (newest.ts - oldest.ts) / 1000;
  for (const [k, v] of newest.values) {
    if (k[0] !== 'L') continue;
    const before = oldest.values.get(k);
    if (before !== undefined) out.set(K.parts(k)[0], (v - before) / dt);
  }
  return out;
}

export function topicsSummary(clusterId: string, names: string[], canSee: (group: string) => boolean): TopicsSummary {
  const h = clusterHistory(clusterId);
  if (!h) return { available: false, reason: OFF_REASON, windowMs: null, topics: {} };
  const { newest, oldest } = h.recentWindow();
  const dt = newest && oldest && newest.ts > oldest.ts ? (newest.ts - oldest.ts) / 1000 : null;
  const rate = (k: string) => {
    if (!newest || !oldest || dt === null) return null;
    const a = newest.values.get(k);
    const b = oldest.values.get(k);
    return a === undefined || b === undefined || a < b ? null : (a - b) / dt;
  };
  const topics: TopicsSummary['topics'] = {};
  for (const name of names) {
    const consumers = h.groupsConsuming(name).filter(canSee);
    const lags = consumers.map((group) => ({ group, lag: newest?.values.get(K.groupTopicLag(group, name)) ?? 0 })).sort((a, b) => b.lag - a.lag);
    topics[name] = { produceRate: rate(K.produced(name)), bytesRate: rate(K.bytes(name)), groups: lags.slice(0, 5), groupCount: consumers.length };
  }
  return { available: true, reason: null, windowMs: dt === null ? null : dt * 1000, topics };
}
