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
  /** A sent request failed on the connection (refused, reset, closed mid-request). */
  error(atMs: number, reason: string): void;
  /** `count` intended requests could not be sent in time (the generator was starved): bad. */
  shortfall(atMs: number, count: number): void;
}
