// Stand-in for the `server-only` marker package outside Next.js (it throws unless bundled for the server).
export {};
