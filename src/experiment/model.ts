import type { SourceLocation } from '../errors/faultline-error.ts';
import type { FaultSpec } from './schema-faults.ts';
import type { ExperimentFile } from './schema.ts';
import type { DataPath } from './yaml-source.ts';

/** A fault after scenario expansion, with `at` absolute and a way back to where it was written. */
export type PlannedFault = FaultSpec & {
  /** Locates a field of this fault (`[]` = the fault itself) in the file it was written in. */
  readonly locate: (path: DataPath) => SourceLocation;
  /** `use` name when the fault came from a scenario. */
  readonly scenario?: string;
};

/** A loaded, validated experiment: the file's data with scenarios expanded and env values filled. */
export type Experiment = Omit<ExperimentFile, 'faults' | '$schema'> & {
  readonly file: string;
  readonly faults: readonly PlannedFault[];
  /** Values that came from `${env:…}`, mapped to the placeholder text to show instead. */
  readonly secrets: ReadonlyMap<string, string>;
};

export type { FaultSpec, FaultType } from './schema-faults.ts';
export type { TargetSpec, TargetKind } from './schema-targets.ts';
export type { EngineSpec } from './schema-engines.ts';
export type { LoadSpec, RequestSpec } from './schema-load.ts';
export type { ObjectiveSpec, SlosSpec, HypothesisSpec, GuardrailsSpec } from './schema-slos.ts';
export type { ProxyDeclaration } from './schema.ts';
export type { CapacitySpec } from './schema-capacity.ts';
