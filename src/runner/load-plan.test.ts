import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { LoadSpec } from '../experiment/model.ts';
import { describeLoad, loadPlanFor } from './load-plan.ts';

const spec = (extra: Partial<LoadSpec>): LoadSpec => ({
  url: 'http://127.0.0.1:8080',
  requests: [{ method: 'GET', path: '/', weight: 1 }],
  stages: [],
  duration: 60_000,
  timeout: 2000,
  ...extra,
});

describe('loadPlanFor: load workers', () => {
  it('defaults to one worker per 10,000 req/s of the peak rate, at most the cores', () => {
    expect(loadPlanFor(spec({ rate: 200 })).workers).toBe(1);
    expect(loadPlanFor(spec({ rate: 100, stages: [{ for: 1000, rate: 25_000 }] })).workers).toBe(
      Math.min(3, availableParallelism()),
    );
  });

  it('keeps an explicit `workers`, and the closed model defaults to one', () => {
    expect(loadPlanFor(spec({ rate: 200, workers: 4 })).workers).toBe(4);
    expect(loadPlanFor(spec({ connections: 50 })).workers).toBe(1);
    expect(describeLoad(loadPlanFor(spec({ connections: 50, workers: 2 })))).toBe(
      'closed model, 50 connections, 2 worker threads',
    );
  });
});
