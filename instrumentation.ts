/** Runs once when the server starts: refuse to serve with a broken config or an exposed console without sign-in. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startupProblem } = await import('@/lib/startup');
  const problem = startupProblem();
  if (problem) {
    process.stderr.write(`Kafka Console cannot start: ${problem}\n`);
    process.exit(1);
  }
  const { refuseUnroutableMethods } = await import('@/lib/api/unroutable-methods');
  refuseUnroutableMethods();
  const { startConfiguredHistory } = await import('@/lib/history/service');
  await startConfiguredHistory();
}
