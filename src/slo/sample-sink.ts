/**
 * Why intended requests could not be sent in time. `outage`: the target silenced the generator
 * (a connection backing off after a failed connect, or a connect pending over a second).
 * `generator`: the runner's own doing (no free connection in the pool, a connect briefly
 * pending, or the pacer so late that the request's timeout had passed before it could be sent).
 */
export type ShortfallKind = 'outage' | 'generator';

/**
 * Where a load driver reports what happened to each request. Times are milliseconds since load
 * started on the runner's clock; latencies are microseconds measured from the intended send time.
 */
export interface SampleSink {
  /** `count` requests were intended (scheduled) at `atMs`. */
  intended(atMs: number, count: number): void;
  /** A response arrived: any HTTP status. */
  response(atMs: number, latencyUs: number, status: number): void;
  /** A sent request got no answer within the timeout. */
  timeout(atMs: number): void;
  /**
   * A sent request failed on the connection. `reason` starts with the OS code when there is one
   * (`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:80`), else says what happened
   * (`connection closed mid-request`); see `causeOfError`.
   */
  error(atMs: number, reason: string): void;
  /** `count` intended requests could not be sent in time: bad. `kind` defaults to `outage`. */
  shortfall(atMs: number, count: number, kind?: ShortfallKind): void;
}
