import type { QuotaEntity, QuotaValues } from '@/lib/schemas/quotas';

/** The kafka-configs command equivalent to a quota change. Pure (the UI's previews and the audit trail's undo plans use it too). */
const PARTS = ['user', 'clientId', 'ip'] as const;
const shellWord = (s: string) => (/^[A-Za-z0-9_.@:-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
const CLI_TYPES: Record<(typeof PARTS)[number], string> = { user: 'users', clientId: 'clients', ip: 'ips' };

/** The equivalent kafka-configs command. */
export function quotaCommand(bootstrap: string, entity: QuotaEntity, set: QuotaValues, remove: string[]): string {
  const parts = ['kafka-configs', '--bootstrap-server', bootstrap, '--alter'];
  const add = Object.entries(set).map(([k, v]) => `${k}=${v}`);
  if (add.length) parts.push('--add-config', add.join(','));
  if (remove.length) parts.push('--delete-config', remove.join(','));
  for (const p of PARTS) {
    const name = entity[p];
    if (name === undefined) continue;
    parts.push('--entity-type', CLI_TYPES[p], ...(name === null ? ['--entity-default'] : ['--entity-name', shellWord(name)]));
  }
  return parts.join(' ');
}
