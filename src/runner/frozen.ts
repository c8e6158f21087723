import type { RunSink } from './run-sink.ts';

/**
 * A deep, frozen copy of a plain JSON-like value: what a journal event is once emitted. Later
 * changes to the run's working records never reach an event already handed to a sink.
 */
export function frozen<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A sink that hands every journal event on as a frozen copy (immutable once emitted). */
export function frozenSink(sink: RunSink): RunSink {
  return { event: (event) => sink.event(frozen(event)), log: (line) => sink.log(line) };
}
