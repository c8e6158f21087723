import type { Attributes, ToxicType } from './toxics/toxic-type.ts';

/** A direction of a connection: client → upstream server, or server → client. */
export type Direction = 'upstream' | 'downstream';

/**
 * A toxic as configured on a proxy. `stream` is echoed as the client wrote it (any case);
 * `direction` is what it means. `attributes` holds every attribute of the type. Immutable: an
 * update replaces the record.
 */
export interface ToxicRecord {
  readonly name: string;
  readonly type: ToxicType;
  readonly stream: string;
  readonly direction: Direction;
  readonly toxicity: number;
  readonly attributes: Attributes;
}
