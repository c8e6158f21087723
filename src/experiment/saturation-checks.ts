import type { Problem } from '../errors/faultline-error.ts';
import type { ExperimentFile } from './schema.ts';
import { targetKind } from './schema-targets.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * Checks each saturation objective against the targets: the target must exist and be one that
 * reports saturation (containers and processes; a proxy has no CPU or memory of its own), and a
 * memory share needs a limit, which a process target never has.
 */
export function checkSaturationObjectives(file: ExperimentFile, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  file.slos.objectives.forEach((objective, i) => {
    if (!('saturation' in objective)) return;
    const at = (path: readonly (string | number)[]) =>
      source.locate(['slos', 'objectives', i, 'saturation', ...path]);
    const name = objective.saturation.target;
    const target = file.targets[name];
    if (!target) {
      const known = Object.keys(file.targets);
      problems.push({
        message: `unknown target \`${name}\`; targets defined: ${known.join(', ') || 'none (add a targets: section)'}`,
        location: at(['target']),
      });
      return;
    }
    const kind = targetKind(target);
    if (kind === 'proxy') {
      problems.push({
        message: `target \`${name}\` is a proxy target, which reports no saturation; saturation objectives take container and process targets`,
        location: at(['target']),
      });
      return;
    }
    const memory = objective.saturation.memory;
    if (kind === 'process' && memory && 'share' in memory.below) {
      problems.push({
        message: `process target \`${name}\` has no memory limit to take a share of; give a size such as 512MB`,
        location: at(['memory', 'below']),
      });
    }
  });
  return problems;
}
