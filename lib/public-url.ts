import { readFileSync } from 'node:fs';

/**
 * The configured public URL, read without the rest of the config (the proxy runs before
 * the app and only needs this for the Host allow-list). Null when none is configured or
 * the file cannot be read (the app itself then reports the config error).
 */
let cached: { file: string | undefined; url: string | null } | null = null;

export function configuredPublicUrl(): string | null {
  const file = process.env.KAFKA_CONSOLE_CONFIG;
  if (cached && cached.file === file) return cached.url;
  let url: string | null = null;
  if (file) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { publicUrl?: unknown };
      url = typeof parsed.publicUrl === 'string' ? parsed.publicUrl : null;
    } catch {
      url = null;
    }
  }
  cached = { file, url };
  return url;
}

/** A loopback name or address, as a Host header's name or a listen address gives it. */
export const isLoopbackHost = (host: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0:0:0:0:0:0:0:1)$/i.test(host);

/** Whether the console answers to this Host header: the loopback names, and the public URL's host. */
export function hostAllowed(host: string | null, publicUrl: string | null): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.split(':')[0];
  if (isLoopbackHost(name)) return true;
  if (!publicUrl) return false;
  try {
    return new URL(publicUrl).host.toLowerCase() === h;
  } catch {
    return false;
  }
}

/** Set on every request from the connection's peer address, overwriting whatever the client sent (see lib/api/unroutable-methods.ts). */
export const PEER_HEADER = 'x-kafka-console-peer';
