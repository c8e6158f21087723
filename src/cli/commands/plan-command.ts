import { resolve } from 'node:path';
import { formatDuration } from '../../experiment/quantities.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import { targetKind } from '../../experiment/schema-targets.ts';
import { describeLoad, loadPlanFor } from '../../runner/load-plan.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { planExperiment } from '../../timeline/plan.ts';

/** `faultline plan <file>`: the timeline and targets, computed without touching anything. */
export function planCommand(file: string, json: boolean, runtime: Runtime): number {
  const experiment = loadExperiment(file, { readText: (p) => runtime.readText(resolve(runtime.cwd, p)), env: runtime.env });
  const plan = planExperiment(experiment);
  const targets = Object.entries(experiment.targets).map(([name, spec]) => ({ name, kind: targetKind(spec), spec }));
  if (json) {
    runtime.stdout.write(`${JSON.stringify({ experiment: experiment.name, load: describeLoad(loadPlanFor(experiment.load)), ...plan, faults: plan.faults.map((f) => ({ name: f.fault.name, type: f.fault.type, target: f.fault.target, injectAtMs: f.injectAtMs, revertAtMs: f.revertAtMs ?? null })), targets }, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [`${experiment.name}${experiment.title ? ` — ${experiment.title}` : ''}`, `load: ${experiment.load.url}, ${describeLoad(loadPlanFor(experiment.load))}, ${formatDuration(plan.durationMs)}, windows of ${formatDuration(plan.windowMs)}`, '', 'targets:'];
  for (const t of targets) out.push(`  ${t.name} (${t.kind}): ${JSON.stringify(t.spec)}`);
  out.push('', 'timeline:');
  for (const step of plan.steps) {
    const at = formatDuration(step.atMs).padStart(8);
    if (step.kind === 'phase') out.push(`  ${at}  phase ${step.phase}`);
    else if (step.kind === 'baseline-check') out.push(`  ${at}  check baseline (not steady → stop, inject nothing)`);
    else if (step.kind === 'end') out.push(`  ${at}  end: revert anything still active`);
    else {
      const slot = plan.faults.find((f) => f.fault.name === step.fault);
      out.push(`  ${at}  ${step.kind} ${step.fault}${slot && step.kind === 'inject' ? ` (${slot.fault.type} on ${slot.fault.target}${slot.revertAtMs === undefined ? ', stays until the end' : ''})` : ''}`);
    }
  }
  runtime.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
