/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // kafkajs and the codecs are loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['kafkajs', '@bokuweb/zstd-wasm', 'lz4js', 'snappyjs'],
  // Mirrors the tsconfig path alias for turbopack.
  turbopack: { root: __dirname },
};

module.exports = nextConfig;
