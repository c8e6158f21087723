import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/faultline-error.ts';
import { loadExperiment } from './load-experiment.ts';

const files: Record<string, string> = {
  '/x/exp.yaml': `version: 1
name: env-and-scenario
targets:
  api: { process: { command: node app.js, env: { TOKEN: "\${env:API_TOKEN}" } } }
load: { url: http://127.0.0.1:8080, rate: 50, duration: 1m, requests: [{ path: /, headers: { authorization: "Bearer \${env:API_TOKEN}" } }] }
slos: { objectives: [{ name: ok, success: { at-least: 0.995 } }] }
hypothesis: { warmup: 5s, baseline: 10s, after: 10s, during-faults: { tolerate: { budget: 50% } } }
faults:
  - { use: ../s/twice.yaml, with: { who: api }, at: 20s, as: first }
  - { use: ../s/twice.yaml, with: { who: api, gap: 2s }, at: 35s }
`,
  '/s/twice.yaml': `version: 1
scenario: twice
parameters: { who: {}, gap: { default: 5s } }
faults:
  - { name: a, target: "\${who}", type: pause, at: 0s, for: 1s }
  - { name: b, target: "\${who}", type: pause, at: "\${gap}", for: 1s }
`,
};
const readText = (path: string) => files[path];

describe('loadExperiment', () => {
  it('fills env values, remembers them as secrets, and expands scenarios with parameters', () => {
    const e = loadExperiment('/x/exp.yaml', { readText, env: { API_TOKEN: 's3cret-token' } });
    expect(e.load.requests[0]?.headers?.authorization).toBe('Bearer s3cret-token');
    expect(e.secrets.get('s3cret-token')).toBe('${env:API_TOKEN}');
    expect(e.faults.map((f) => [f.name, f.at])).toEqual([
      ['first/a', 20_000],
      ['first/b', 25_000],
      ['twice/a', 35_000],
      ['twice/b', 37_000],
    ]);
    expect(e.slos.objectives[0]).toEqual({ name: 'ok', success: { 'at-least': 0.995 } });
    expect(e.hypothesis['during-faults']).toEqual({ tolerate: { budget: 0.5 } });
    expect(e.slos.window).toBe(5000);
    expect(e.faults[1]?.locate(['at'])).toMatchObject({
      file: expect.stringContaining('twice.yaml'),
      line: 6,
    });
  });

  it('reports problems from several layers in one error, sorted by place', () => {
    const bad = files['/x/exp.yaml']
      ?.replace('rate: 50', 'rate: lots')
      .replace('gap: 2s', 'gap: 2s, extra: 1');
    try {
      loadExperiment('/x/exp.yaml', { readText: (p) => (p === '/x/exp.yaml' ? bad : files[p]), env: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const messages = (error as InvalidInputError).problems.map((p) => `${p.location?.line}: ${p.message}`);
      expect(messages).toEqual([
        '4: environment variable API_TOKEN is not set (referenced as ${env:API_TOKEN})',
        '5: expected a number, found "lots"',
        '5: environment variable API_TOKEN is not set (referenced as ${env:API_TOKEN})',
      ]);
    }
  });
});
