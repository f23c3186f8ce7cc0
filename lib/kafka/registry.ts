import 'server-only';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin, type KafkaConfig, type Producer, type logCreator } from 'kafkajs';
import Cluster from 'kafkajs/src/cluster/index.js';
import createAdmin from 'kafkajs/src/admin/index.js';
import loggers from 'kafkajs/src/loggers/index.js';
import socketFactory from 'kafkajs/src/network/socketFactory.js';
import { consoleConfig, resolvePassword, type ClusterConfig } from '@/lib/config';
import { ApiError } from '@/lib/errors';
import { log } from '@/lib/log';
import { registerCodecs } from './codecs';
import type { KjsCluster } from './protocol';

/**
 * One set of long-lived kafkajs clients per configured cluster, kept on globalThis so
 * `next dev` reloads reuse them instead of leaking connections.
 */
export interface ClusterClients {
  config: ClusterConfig;
  kafka: Kafka;
  /** kafkajs's own Cluster, for requests its public API lacks (see protocol.ts). */
  cluster: KjsCluster;
  /** kafkajs admin built on the same Cluster, so both share connections. */
  admin: Admin;
  producer(): Promise<Producer>;
  /** Drops the producer; the next producer() call connects a fresh one. */
  resetProducer(): Promise<void>;
  /** Connects `cluster` (and so `admin`) if it is not connected yet. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

interface Registry {
  configs: ClusterConfig[];
  clients: Map<string, ClusterClients>;
}

const globalKey = Symbol.for('kafka-console.registry');
type GlobalWithRegistry = typeof globalThis & { [globalKey]?: Registry };

function registry(): Registry {
  const g = globalThis as GlobalWithRegistry;
  if (!g[globalKey]) g[globalKey] = { configs: consoleConfig().clusters, clients: new Map() };
  return g[globalKey];
}

export function listClusterConfigs(): ClusterConfig[] {
  return registry().configs;
}

export function clusterConfig(id: string): ClusterConfig {
  const c = registry().configs.find((x) => x.id === id);
  if (!c) throw new ApiError('not_found', `No cluster with id "${id}" is configured`);
  return c;
}

const kafkaLogCreator: logCreator =
  () =>
  ({ namespace, level, log: entry }) => {
    const { message, broker, error } = entry as { message: string; broker?: string; error?: string };
    log(level >= logLevel.ERROR ? 'warn' : 'debug', `kafkajs ${namespace}: ${message}`, { broker, error });
  };

export const CONNECTION_TIMEOUT_MS = 3000;
export const REQUEST_TIMEOUT_MS = 15000;

function kafkaConfig(c: ClusterConfig): KafkaConfig {
  const sasl = c.sasl ? ({ mechanism: c.sasl.mechanism, username: c.sasl.username, password: resolvePassword(c.sasl) } as KafkaConfig['sasl']) : undefined;
  const ssl = c.ssl?.enabled
    ? {
        rejectUnauthorized: c.ssl.rejectUnauthorized,
        ca: c.ssl.caFile ? [readFileSync(c.ssl.caFile, 'utf8')] : undefined,
        cert: c.ssl.certFile ? readFileSync(c.ssl.certFile, 'utf8') : undefined,
        key: c.ssl.keyFile ? readFileSync(c.ssl.keyFile, 'utf8') : undefined,
      }
    : undefined;
  return {
    clientId: 'kafka-console',
    brokers: c.bootstrapServers,
    ssl,
    sasl,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
  };
}

function createClients(c: ClusterConfig): ClusterClients {
  registerCodecs();
  const config = kafkaConfig(c);
  const rootLogger = loggers.createLogger({ level: logLevel.WARN, logCreator: kafkaLogCreator });
  const cluster = newCluster(config, rootLogger);
  const admin = createAdmin({ logger: rootLogger, retry: config.retry, cluster });
  const kafka = new Kafka(config);
  let producer: Promise<Producer> | null = null;
  return {
    config: c,
    kafka,
    cluster,
    admin,
    producer() {
      if (!producer) {
        const p = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
        producer = p.connect().then(
          () => p,
          (err: unknown) => {
            producer = null;
            throw err;
          },
        );
      }
      return producer;
    },
    async resetProducer() {
      const p = producer;
      producer = null;
      await p?.then((x) => x.disconnect()).catch(() => undefined);
    },
    async ready() {
      if (!cluster.isConnected()) await cluster.connect();
    },
    async close() {
      const p = producer;
      producer = null;
      await Promise.allSettled([cluster.disconnect(), p?.then((x) => x.disconnect())]);
    },
  };
}

/** The clients for a configured cluster; 404 in the API envelope for an unknown id. */
export async function clients(clusterId: string): Promise<ClusterClients> {
  const entry = clientsLazy(clusterId);
  await entry.ready();
  return entry;
}

/** Clients without connecting (for callers that handle unreachable clusters themselves). */
export function clientsLazy(clusterId: string): ClusterClients {
  const reg = registry();
  let entry = reg.clients.get(clusterId);
  if (!entry) {
    entry = createClients(clusterConfig(clusterId));
    reg.clients.set(clusterId, entry);
  }
  return entry;
}

/** Disconnects everything (tests and shutdown). */
export async function disconnectAll(): Promise<void> {
  const reg = registry();
  const all = [...reg.clients.values()];
  reg.clients.clear();
  await Promise.all(all.map((c) => c.close()));
}

/**
 * A kafkajs Cluster with its own connections, for one long-running read (a live tail or a
 * search): its long-poll Fetches never queue behind or ahead of other requests, and
 * disconnecting it when the stream ends drops whatever is still in flight.
 */
export function createStreamCluster(clusterId: string): KjsCluster {
  registerCodecs();
  return newCluster(kafkaConfig(clusterConfig(clusterId)), loggers.createLogger({ level: logLevel.WARN, logCreator: kafkaLogCreator }));
}

/**
 * kafkajs's internal Cluster (its connection pool and broker table) for one configured cluster.
 * Its connect() is single-flight: concurrent kafkajs connects each create a seed broker and
 * disconnect the other's, and both ready() and metadataFromAnyBroker() connect on demand.
 */
function newCluster(config: ReturnType<typeof kafkaConfig>, logger: ReturnType<typeof loggers.createLogger>) {
  return singleFlightConnect(
    new Cluster({
      logger,
      socketFactory: socketFactory(),
      brokers: config.brokers,
      ssl: config.ssl,
      sasl: config.sasl,
      clientId: config.clientId,
      connectionTimeout: config.connectionTimeout,
      requestTimeout: config.requestTimeout,
      enforceRequestTimeout: true,
      retry: config.retry,
      metadataMaxAge: 60_000,
      allowAutoTopicCreation: false,
      offsets: new Map(),
    }),
  );
}

/**
 * Calls to connect() while one is under way share it instead of starting another, and the
 * cluster does not count as connected until it is done: kafkajs says connected as soon as the
 * seed's socket is open, before its API versions are known, and a request sent then failed.
 */
function singleFlightConnect<T extends { connect(): Promise<void>; isConnected(): boolean }>(cluster: T): T {
  const connect = cluster.connect.bind(cluster);
  const isConnected = cluster.isConnected.bind(cluster);
  let pending: Promise<void> | null = null;
  cluster.connect = () =>
    (pending ??= connect().finally(() => {
      pending = null;
    }));
  cluster.isConnected = () => pending === null && isConnected();
  return cluster;
}
