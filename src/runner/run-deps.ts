import type { JournalEnvironment } from '../journal/journal-parts.ts';
import type { FaultRegistry } from '../faults/fault-registry.ts';
import type { SaturationSource } from '../saturation/saturation-source.ts';
import type { LoadDriver } from '../load/load-driver.ts';
import type { Clock } from '../timeline/clock.ts';
import type { RunSink } from './run-sink.ts';

/** Everything a session needs from outside: injected so tests can swap any part. */
export interface RunDeps {
  readonly runId: string;
  readonly registry: FaultRegistry;
  readonly load: LoadDriver;
  readonly clock: Clock;
  readonly sink: RunSink;
  /** Aborts the run (SIGINT, SIGTERM): faults are reverted and the verdict is `aborted`. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /** Versions and host, recorded in the journal (null when not given). */
  readonly environment?: JournalEnvironment;
  /** Where target saturation is read from, per target kind (none: windows record no saturation). */
  readonly saturation?: readonly SaturationSource[];
}
