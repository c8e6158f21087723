import { describe, expect, it } from 'vitest';
import { RollbackLedger } from './rollback-ledger.ts';

describe('RollbackLedger', () => {
  it('undoes newest first and keeps going past a failure and a hang', async () => {
    const ledger = new RollbackLedger();
    const order: string[] = [];
    ledger.record({ name: 'a', undo: async () => void order.push('a') });
    ledger.record({ name: 'b', undo: () => Promise.reject(new Error('engine gone')) });
    ledger.record({ name: 'c', undo: () => new Promise(() => undefined) });
    ledger.record({ name: 'd', undo: async () => void order.push('d') });
    const report = await ledger.settle(50);
    expect(order).toEqual(['d', 'a']);
    expect(report.undone).toEqual(['d', 'a']);
    expect(report.failed.map((f) => f.name)).toEqual(['c', 'b']);
    expect(report.failed[0]?.error).toMatch(/did not finish within 50 ms/);
    expect(ledger.pending.sort()).toEqual(['b', 'c']);
  });

  it('does not undo what was forgotten (already reverted on schedule)', async () => {
    const ledger = new RollbackLedger();
    let undone = false;
    ledger.record({ name: 'x', undo: async () => void (undone = true) });
    ledger.forget('x');
    await ledger.settle(50);
    expect(undone).toBe(false);
  });
});
