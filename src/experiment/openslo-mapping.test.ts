import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/faultline-error.ts';
import { loadExperiment } from './load-experiment.ts';

const experiment = (slos: string) => `version: 1
name: openslo-unit
load: { url: http://127.0.0.1:8080, rate: 50, duration: 1m }
slos:
${slos}
hypothesis: { baseline: 10s, after: 10s }
`;
const latencySlo = (objectives: string, budgeting = 'Timeslices') => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-latency
  annotations: { faultline.dev/unit: s }
spec:
  indicator:
    metadata: { name: p-latency }
    spec: { thresholdMetric: { metricSource: { type: Prometheus, spec: { query: q } } } }
  budgetingMethod: ${budgeting}
  objectives:
${objectives}
`;

function load(slos: string, openslo: string) {
  const files: Record<string, string> = { '/x/exp.yaml': experiment(slos), '/x/slo.yaml': openslo };
  return loadExperiment('/x/exp.yaml', { readText: (p) => files[p], env: {} });
}

describe('OpenSLO objectives', () => {
  it('maps a Timeslices latency threshold to a percentile from timeSliceTarget and a threshold from value', () => {
    const e = load(
      '  openslo: slo.yaml',
      latencySlo('    - { op: lte, value: 0.25, target: 0.99, timeSliceTarget: 0.999, timeSliceWindow: 2 }'),
    );
    expect(e.slos.objectives).toEqual([{ name: 'api-latency', latency: { percentile: 99.9, below: 250 } }]);
    expect(e.slos.window).toBe(2000);
  });

  it('with Occurrences the share is target and the window stays the experiment’s', () => {
    const e = load(
      '  window: 3s\n  openslo: slo.yaml\n  objectives: [{ name: ok, success: { at-least: 99% } }]',
      latencySlo(
        '    - { op: lt, value: 1, targetPercent: 95 }\n    - { op: lt, value: 2, target: 0.99 }',
        'Occurrences',
      ),
    );
    expect(e.slos.window).toBe(3000);
    expect(e.slos.objectives).toEqual([
      { name: 'ok', success: { 'at-least': 0.99 } },
      { name: 'api-latency/1', latency: { percentile: 95, below: 1000 } },
      { name: 'api-latency/2', latency: { percentile: 99, below: 2000 } },
    ]);
  });

  it('reports every unmappable field of several documents at once, located in the OpenSLO file', () => {
    const bad = `${latencySlo('    - { op: gt, value: 1, target: 0.9, timeSliceTarget: 0.9, timeSliceWindow: 1d }')}---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: page }
spec: {}
`;
    try {
      load('  openslo: slo.yaml', bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const problems = (error as InvalidInputError).problems.map(
        (p) => `${p.location?.file.endsWith('slo.yaml')}:${p.location?.line}: ${p.message.split(';')[0]}`,
      );
      expect(problems).toEqual([
        'true:12: op gt cannot be mapped to a latency objective',
        'true:12: expected timeSliceWindow as a number of seconds or a duration such as 5s, 30s or 1m (one experiment run holds many windows)',
        'true:15: unknown kind "AlertPolicy"',
      ]);
    }
  });
});
