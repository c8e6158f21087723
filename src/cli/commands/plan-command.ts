import { resolve } from 'node:path';
import { thresholdText } from '../../report/report-format.ts';
import { redactText } from '../../journal/redact.ts';
import { ExitCode } from '../../errors/exit-codes.ts';
import { FaultlineError } from '../../errors/faultline-error.ts';
import { formatDuration } from '../../experiment/quantities.ts';
import { loadExperiment } from '../../experiment/load-experiment.ts';
import type { Experiment, TargetKind, TargetSpec } from '../../experiment/model.ts';
import { targetEngine, targetKind } from '../../experiment/schema-targets.ts';
import type { FaultContext } from '../../faults/fault-provider.ts';
import type { FaultRegistry } from '../../faults/fault-registry.ts';
import { describeLoad, loadPlanFor } from '../../runner/load-plan.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { planExperiment } from '../../timeline/plan.ts';
import { defaultRegistry } from '../default-registry.ts';

/** A target as plan shows it: its members when its provider can resolve it by reading only. */
interface PlannedTarget {
  readonly name: string;
  readonly kind: TargetKind;
  readonly spec: TargetSpec;
  /** The Docker engine of a container target (`default`: DOCKER_HOST / the local socket). */
  readonly engine?: string;
  readonly members?: readonly string[];
  readonly unresolved?: string;
  /** What to do about it, when the error said. */
  readonly hint?: string;
}

/**
 * `faultline plan <file>`: the timeline and targets, changing nothing. Targets whose provider
 * can `preview` (container selections: the engine is only listed and inspected) show the
 * containers a run would pick now on their engine, or why none would be; others show their spec.
 */
export async function planCommand(
  file: string,
  json: boolean,
  runtime: Runtime,
  registry?: FaultRegistry,
  options: { readonly dryRun?: boolean } = {},
): Promise<number> {
  const experiment = loadExperiment(file, {
    readText: (p) => runtime.readText(resolve(runtime.cwd, p)),
    env: runtime.env,
  });
  const plan = planExperiment(experiment);
  // Secrets from ${env:…} (a target's env, a header) are printed as their placeholders.
  const write = (text: string) => runtime.stdout.write(redactText(text, experiment.secrets));
  const targets = await previewTargets(experiment, registry ?? defaultRegistry(experiment));
  // `run --dry-run`: a target that cannot be resolved now would fail the run: say so by the code.
  const code = options.dryRun && targets.some((t) => t.unresolved !== undefined) ? ExitCode.runError : 0;
  if (json) {
    write(
      `${JSON.stringify({ ...(options.dryRun ? { dryRun: true } : {}), experiment: experiment.name, load: describeLoad(loadPlanFor(experiment.load)), objectives: experiment.slos.objectives, ...plan, faults: plan.faults.map((f) => ({ name: f.fault.name, type: f.fault.type, target: f.fault.target, injectAtMs: f.injectAtMs, revertAtMs: f.revertAtMs ?? null })), targets }, null, 2)}\n`,
    );
    return code;
  }
  const out: string[] = [
    ...(options.dryRun ? ['dry run: targets resolved, nothing started or injected', ''] : []),
    `${experiment.name}${experiment.title ? ` — ${experiment.title}` : ''}`,
    `load: ${experiment.load.url}, ${describeLoad(loadPlanFor(experiment.load))}, ${formatDuration(plan.durationMs)}, windows of ${formatDuration(plan.windowMs)}`,
    '',
    `objectives${experiment.slos.openslo ? ` (with ${experiment.slos.openslo})` : ''}:`,
    ...experiment.slos.objectives.map((o) => `  ${o.name}: ${thresholdText(o)}`),
    '',
    'targets:',
  ];
  for (const t of targets) {
    out.push(
      `  ${t.name} (${t.kind}${t.engine === undefined ? '' : ` on engine ${t.engine}`}): ${JSON.stringify(t.spec)}`,
    );
    if (t.members) out.push(`      picks now: ${t.members.join(', ')}`);
    if (t.unresolved) out.push(`      not resolved: ${t.unresolved}`);
    if (t.hint) out.push(`      hint: ${t.hint}`);
  }
  out.push('', 'timeline:');
  for (const step of plan.steps) {
    const at = formatDuration(step.atMs).padStart(8);
    if (step.kind === 'phase') out.push(`  ${at}  phase ${step.phase}`);
    else if (step.kind === 'baseline-check')
      out.push(`  ${at}  check baseline (not steady → stop, inject nothing)`);
    else if (step.kind === 'end') out.push(`  ${at}  end: revert anything still active`);
    else {
      const slot = plan.faults.find((f) => f.fault.name === step.fault);
      out.push(
        `  ${at}  ${step.kind} ${step.fault}${slot && step.kind === 'inject' ? ` (${slot.fault.type} on ${slot.fault.target}${slot.revertAtMs === undefined ? ', stays until the end' : ''})` : ''}`,
      );
    }
  }
  write(`${out.join('\n')}\n`);
  return code;
}

async function previewTargets(experiment: Experiment, registry: FaultRegistry): Promise<PlannedTarget[]> {
  const ctx: FaultContext = { runId: 'plan', now: () => 0, log: () => undefined };
  const targets: PlannedTarget[] = [];
  for (const [name, spec] of Object.entries(experiment.targets)) {
    const kind = targetKind(spec);
    const provider = registry.forKind(kind);
    const shown = {
      name,
      kind,
      spec,
      ...(kind === 'container' ? { engine: targetEngine(spec) ?? 'default' } : {}),
    };
    if (!provider.preview) {
      targets.push(shown);
      continue;
    }
    try {
      const resolved = await provider.preview(name, spec, ctx);
      targets.push({ ...shown, members: resolved.members.map((m) => m.label) });
    } catch (error) {
      const hint = error instanceof FaultlineError ? error.hint : undefined;
      targets.push({
        ...shown,
        unresolved: error instanceof Error ? error.message : String(error),
        ...(hint ? { hint } : {}),
      });
    }
  }
  await Promise.all(registry.all().map((p) => p.close?.()));
  return targets;
}
