import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../helpers/captured-runtime.ts';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly jobs: Record<string, { steps: Step[]; strategy?: { matrix?: { experiment?: string[] } } }>;
}

const workflow = parse(readFileSync('examples/ci/github-actions.yml', 'utf8')) as Workflow;
const job = Object.values(workflow.jobs)[0];
const steps = job?.steps ?? [];
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

describe('the GitHub Actions example', () => {
  it('installs, then runs faultline with the HTML, JUnit and Markdown reporters into one folder', () => {
    const install = index((s) => s.run?.trim() === 'npm ci');
    const run = index((s) => /faultline run /.test(s.run ?? ''));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(run).toBeGreaterThan(install);
    expect(steps[run]?.run).toMatch(/--reporter html,junit,markdown\s+--out "\$REPORTS"/);
  });

  it('keeps the reports whatever the verdict: summary, HTML artifact, JUnit check', () => {
    const run = index((s) => /faultline run /.test(s.run ?? ''));
    const summary = index((s) => /summary\.md" >> "\$GITHUB_STEP_SUMMARY"/.test(s.run ?? ''));
    const upload = index((s) => s.uses?.startsWith('actions/upload-artifact@') === true);
    const junit = index((s) => String(s.with?.report_paths ?? '').endsWith('/junit.xml'));
    for (const i of [summary, upload, junit]) {
      expect(i).toBeGreaterThan(run);
      expect(steps[i]?.if).toBe('${{ !cancelled() }}');
    }
    expect(String(steps[upload]?.with?.path)).toMatch(/report\.html$/);
  });

  it('names experiments that exist in this repository and validate', async () => {
    const experiments = job?.strategy?.matrix?.experiment ?? [];
    expect(experiments.length).toBeGreaterThan(0);
    for (const name of experiments) expect(existsSync(`experiments/${name}.yaml`)).toBe(true);
    const { code, stderr } = await cli(['validate', ...experiments.map((n) => `experiments/${n}.yaml`)]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
