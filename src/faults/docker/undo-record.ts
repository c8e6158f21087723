import type { ContainerDetails, DockerPort } from './docker-port.ts';
import { helperLabels, UNDO_LABEL } from './docker-labels.ts';
import { isNotFound } from './docker-evidence.ts';
import { applyUndo, type UndoAction } from './undo-action.ts';

/** An undo record in the engine; `remove` deletes it once the fault is reverted (idempotent). */
export interface UndoRecord {
  readonly id: string;
  remove(): Promise<void>;
}

/**
 * Writes down, in the engine itself, how to undo a change to `target`: a container that is
 * created but never started (no process, no network), from the target's own image, labelled
 * with the run id, the target, the fault and the JSON undo action. Docker cannot label an
 * existing container, so this is how a change "carries the run id" and how `sweep` finds what a
 * crashed run left behind. Made before the change, removed after the revert.
 */
export async function recordUndo(
  docker: DockerPort,
  runId: string,
  target: ContainerDetails,
  fault: string,
  action: UndoAction,
): Promise<UndoRecord> {
  const created = await docker.createContainer({
    name: `faultline-undo-${target.Id.slice(0, 12)}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    Image: target.Image,
    Entrypoint: ['/faultline-undo-record'],
    Cmd: [],
    Labels: { ...helperLabels(runId, 'undo', target.Id, fault), [UNDO_LABEL]: JSON.stringify(action) },
    HostConfig: { NetworkMode: 'none' },
  });
  return {
    id: created.id,
    remove: () =>
      created.remove(true).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      }),
  };
}

/**
 * After an inject failed part-way: applies the undo (best effort: its own failure is swallowed,
 * and the record is then kept for `sweep`) and removes the record. Never throws.
 */
export async function rollBack(
  docker: DockerPort,
  targetId: string,
  action: UndoAction,
  record: UndoRecord,
): Promise<void> {
  try {
    await applyUndo(docker, targetId, action);
    await record.remove();
  } catch {
    // left for sweep: the record still says how to undo
  }
}
