import { randomBytes } from 'node:crypto';

/** A run id: sortable by time, readable, unique: `20261122T140501-checkout-3fa9`. */
export function newRunId(experimentName: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');
  const slug = experimentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
  return `${stamp}-${slug}-${randomBytes(2).toString('hex')}`;
}
