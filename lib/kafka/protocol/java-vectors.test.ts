import { beforeAll, describe, expect, it } from 'vitest';
import { ensureKafka } from '@/scripts/kafka/cluster';
import { runJavaVectors, type KafkaError } from '@/scripts/protocol/java';
import { KAFKA_ERRORS } from './error-codes';
import { decode, encode, type ApiSpec } from './codec';
import * as apis from './generated';
import { decodeRequestHeader, encodeRequestHeader } from './generated/request-header';
import { decodeResponseHeader, encodeResponseHeader } from './generated/response-header';

/**
 * The generated codecs against Kafka's own: scripts/protocol/JavaVectors.java builds messages
 * with Kafka's generated Java classes and prints their bytes and Kafka's JSON view of them. Each
 * vector is decoded here and compared with that JSON, then encoded again to the same bytes.
 */

interface Vector {
  api: string;
  kind: 'request' | 'response' | 'header';
  name: string;
  version: number;
  hex: string;
  json: Record<string, unknown>;
}

type Codec = { decode(r: Parameters<ApiSpec<unknown, unknown>['decodeRequest']>[0], v: number): unknown; encode: ApiSpec<unknown, unknown>['encodeRequest'] };

function codecOf(v: Vector): Codec {
  if (v.api === 'RequestHeader') return { decode: decodeRequestHeader, encode: encodeRequestHeader as Codec['encode'] };
  if (v.api === 'ResponseHeader') return { decode: decodeResponseHeader, encode: encodeResponseHeader as Codec['encode'] };
  const spec = (apis as unknown as Record<string, ApiSpec<unknown, unknown>>)[`${v.api}Api`];
  if (!spec) throw new Error(`no generated codec for ${v.api}`);
  return v.kind === 'request' ? { decode: spec.decodeRequest, encode: spec.encodeRequest } : { decode: spec.decodeResponse, encode: spec.encodeResponse };
}

/** Our decoded value in the shape of Kafka's JSON: the same keys, int64 as numbers, bytes as base64. */
function asKafkaJson(ours: unknown, theirs: unknown): unknown {
  if (typeof ours === 'bigint') return Number(ours);
  if (Buffer.isBuffer(ours)) return ours.toString('base64');
  if (Array.isArray(ours)) return ours.map((x, i) => asKafkaJson(x, Array.isArray(theirs) ? theirs[i] : undefined));
  if (ours && typeof ours === 'object' && theirs && typeof theirs === 'object') {
    const o = ours as Record<string, unknown>;
    return Object.fromEntries(Object.entries(theirs).map(([k, t]) => [k, k === 'records' ? t : asKafkaJson(o[k], t)]));
  }
  return ours;
}

describe("generated codecs against Kafka's Java classes", () => {
  let vectors: Vector[] = [];
  beforeAll(() => {
    ensureKafka();
    vectors = runJavaVectors('vectors') as Vector[];
  }, 600_000);

  it('has vectors for flexible versions with tagged fields, known and unknown', () => {
    expect(vectors.length).toBeGreaterThan(30);
    expect(vectors.some((v) => v.api === 'ApiVersions' && v.version >= 3 && v.json.finalizedFeaturesEpoch === 42)).toBe(true);
  });

  it('decodes every vector as Kafka does and encodes it back to the same bytes', () => {
    for (const v of vectors) {
      const what = `${v.api} ${v.kind} v${v.version} (${v.name})`;
      const codec = codecOf(v);
      const bytes = Buffer.from(v.hex, 'hex');
      const decoded = decode(codec.decode, v.version, bytes);
      expect(asKafkaJson(decoded, v.json), what).toEqual(v.json);
      expect(encode(codec.encode, v.version, decoded).toString('hex'), what).toBe(v.hex);
    }
  });

  it('keeps tagged fields it does not know and writes them back', () => {
    const v = vectors.find((x) => x.api === 'DescribeCluster' && x.kind === 'response')!;
    const decoded = decode(apis.DescribeClusterApi.decodeResponse, v.version, Buffer.from(v.hex, 'hex'));
    expect(decoded.unknownTaggedFields).toEqual([
      { tag: 3, data: Buffer.from('01020304', 'hex') },
      { tag: 200, data: Buffer.alloc(0) },
    ]);
    expect(decoded.brokers[1].unknownTaggedFields).toEqual([{ tag: 7, data: Buffer.from('cafe', 'hex') }]);
  });

  it('knows every error code Kafka knows', () => {
    const theirs = runJavaVectors('errors') as KafkaError[];
    expect(KAFKA_ERRORS).toEqual(theirs);
  });

  it('writes defaults for fields left out, and refuses a field the version does not have', () => {
    const v = vectors.find((x) => x.api === 'Metadata' && x.kind === 'request' && x.version === 6)!;
    expect(encode(apis.MetadataApi.encodeRequest, 6, { topics: null, allowAutoTopicCreation: false }).toString('hex')).toBe(v.hex);
    expect(encode(apis.MetadataApi.encodeRequest, 6, { topics: null }).toString('hex')).toBe('ffffffff01'); // AllowAutoTopicCreation defaults to true
    expect(() => encode(apis.DescribeClusterApi.encodeRequest, 0, { endpointType: 2 })).toThrow(/has no field EndpointType/);
    expect(() => encode(apis.MetadataApi.encodeRequest, 0, { topics: null })).toThrow(/cannot be null/);
  });
});
