// Types for the parts of kafkajs's own network layer that lib/kafka/ uses (see protocol/kafkajs.ts).
// kafkajs publishes these modules (src/) but no types for them.
declare module 'kafkajs/src/cluster/index.js' {
  const Cluster: new (options: Record<string, unknown>) => import('./protocol/kafkajs').KjsCluster;
  export default Cluster;
}
declare module 'kafkajs/src/admin/index.js' {
  const createAdmin: (options: Record<string, unknown>) => import('kafkajs').Admin;
  export default createAdmin;
}
declare module 'kafkajs/src/loggers/index.js' {
  const loggers: {
    createLogger(options: { level: number; logCreator: import('kafkajs').logCreator }): unknown;
  };
  export default loggers;
}
declare module 'kafkajs/src/network/socketFactory.js' {
  const socketFactory: () => unknown;
  export default socketFactory;
}
declare module 'kafkajs/src/protocol/encoder.js' {
  const Encoder: new () => import('./protocol/kafkajs').KjsEncoder;
  export default Encoder;
}
declare module 'kafkajs/src/protocol/requests/apiKeys.js' {
  const apiKeys: Record<string, number>;
  export default apiKeys;
}
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
declare module 'lz4js' {
  export function compress(input: Uint8Array, maxSize?: number): Uint8Array;
  export function decompress(input: Uint8Array, maxSize?: number): Uint8Array;
  /** Decodes one LZ4 block into `dst` from `dIndex`; returns the index after the output (writes past `dst` are dropped). */
  export function decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number;
}
declare module 'lz4js/xxh32.js' {
  export function hash(seed: number, src: Uint8Array, index: number, len: number): number;
}
