import type { ContainerPort, ContainerSummary, DockerPort } from './docker-port.ts';
import type { SweepAction } from '../fault-provider.ts';
import {
  FAULT_LABEL,
  helperFilter,
  ROLE_LABEL,
  RUN_LABEL,
  TARGET_LABEL,
  UNDO_LABEL,
} from './docker-labels.ts';
import { isNotFound, messageOf } from './docker-evidence.ts';
import { applyUndo, parseUndo } from './undo-action.ts';

/**
 * Cleans up after runs that could not revert (crash, kill -9): for the helpers of `runId` (of
 * every faultline run when omitted), newest first, applies each undo record (start, unpause,
 * SIGCONT, restore limits, reconnect) and removes it, then stops every stressor (so it deletes
 * its file) and removes it. A record whose undo fails for another reason than its target being
 * gone is kept for a later sweep (reported `ok: false`). Returns one action per helper.
 */
export async function sweepHelpers(docker: DockerPort, runId?: string): Promise<SweepAction[]> {
  const helpers = await docker.listContainers({ all: true, labels: helperFilter(runId).label });
  const report: SweepAction[] = [];
  for (const record of helpers.filter((h) => h.Labels[ROLE_LABEL] === 'undo')) {
    const { target, fault, run } = describe(record);
    const action = parseUndo(record.Labels[UNDO_LABEL]);
    let keep = false;
    try {
      const did = action && target ? await applyUndo(docker, target, action) : 'unreadable record';
      report.push({ ok: true, text: `${short(target)}: ${did} (undo of ${fault}, run ${run})` });
    } catch (error) {
      keep = !isNotFound(error);
      report.push({
        ok: !keep,
        text: `${short(target)}: could not undo ${fault} (run ${run}): ${messageOf(error)}${keep ? '; record kept for a later sweep' : ''}`,
      });
    }
    if (!keep) await removeQuietly(docker.container(record.Id));
  }
  for (const stressor of helpers.filter((h) => h.Labels[ROLE_LABEL] === 'stressor')) {
    const { target, fault, run } = describe(stressor);
    const container = docker.container(stressor.Id);
    await container.stop(10).catch(() => undefined);
    await removeQuietly(container);
    report.push({
      ok: true,
      text: `${short(target)}: removed stressor ${stressor.Id.slice(0, 12)} (${fault}, run ${run})`,
    });
  }
  return report;
}

function describe(helper: ContainerSummary): {
  target: string | undefined;
  fault: string;
  run: string;
} {
  return {
    target: helper.Labels[TARGET_LABEL],
    fault: helper.Labels[FAULT_LABEL] ?? '?',
    run: helper.Labels[RUN_LABEL] ?? '?',
  };
}

function short(id: string | undefined): string {
  return id === undefined ? 'unknown container' : `container ${id.slice(0, 12)}`;
}

async function removeQuietly(container: ContainerPort): Promise<void> {
  await container.remove(true).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
}
