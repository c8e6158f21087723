/** Label keys on everything the Docker provider creates, so leftovers can be found and swept. */
export const RUN_LABEL = 'faultline.run';
/** What a helper container is: `stressor` (a running load generator) or `undo` (a record). */
export const ROLE_LABEL = 'faultline.role';
/** The id of the container a helper acts on. */
export const TARGET_LABEL = 'faultline.target';
/** The name of the fault that made the helper. */
export const FAULT_LABEL = 'faultline.fault';
/** On an undo record: the JSON UndoAction that puts its target back. */
export const UNDO_LABEL = 'faultline.undo';

export type HelperRole = 'stressor' | 'undo';

/** The labels every helper container carries. */
export function helperLabels(
  runId: string,
  role: HelperRole,
  targetId: string,
  fault: string,
): Record<string, string> {
  return { [RUN_LABEL]: runId, [ROLE_LABEL]: role, [TARGET_LABEL]: targetId, [FAULT_LABEL]: fault };
}

/** A `listContainers` label filter for the helpers of one run, or of every run when omitted. */
export function helperFilter(runId?: string): { label: string[] } {
  return { label: [runId === undefined ? RUN_LABEL : `${RUN_LABEL}=${runId}`, ROLE_LABEL] };
}
