/** What a new experiment is made from: the service's URL and where the JSON Schema lies. */
export interface ScaffoldInput {
  /** An http(s) URL; its origin becomes `load.url`, its path and query the one request. */
  readonly url: URL;
  /** The schema's path relative to the new file (for editors' `$schema` comment). */
  readonly schemaPath: string;
}

/**
 * The text of a commented starter experiment for one URL: modest open-model load (10 req/s for
 * 1m), an availability and a p99 latency objective, a hypothesis, and commented examples of a
 * target, a fault and an OpenSLO file. Valid as written (it runs as a steady-state check).
 */
export function scaffoldExperiment({ url, schemaPath }: ScaffoldInput): string {
  const name = slug(url.hostname) || 'service';
  const path = `${url.pathname || '/'}${url.search}`;
  return `# yaml-language-server: $schema=${schemaPath}
# A starter experiment made by \`faultline init\`. Check it with \`faultline validate\`, print its
# timeline with \`faultline plan\`, and run it with \`faultline run\`. As written it has no fault:
# it checks that ${url.origin} holds its SLOs under load (a steady-state check). Add a target
# and a fault below to see whether it still does while something breaks.
version: 1
name: ${name}-resilience
title: ${name} holds its SLOs under load

# What faults act on, by name. Uncomment one and point it at your system.
targets: {}
  # api: { container: my-api }                     # a Docker container, by name
  # db: { proxy: postgres }                        # a Toxiproxy proxy (declare it under toxiproxy:)
  # app: { process: { command: node server.js, ready: ${url.origin}/ } }  # a process faultline starts

load:
  url: ${url.origin}
  requests:
    - { method: GET, path: ${JSON.stringify(path)} }
  rate: 10                 # requests per second, paced evenly (open model); start modest
  duration: 1m             # the whole run, from the moment load starts
  timeout: 2s              # an answer slower than this counts as bad

slos:
  window: 5s               # SLIs are scored in windows this long; every window after warm-up is judged
  objectives:
    - { name: availability, success: { at-least: 99% } }       # 2xx/3xx inside the timeout
    - { name: p99-latency, latency: { percentile: 99, below: 500ms } }
  # openslo: ./slo.yaml    # or take objectives from OpenSLO v1 SLO documents (docs/openslo.md)

hypothesis:
  warmup: 5s               # load on, not scored
  baseline: 15s            # the SLOs must hold here, before any fault, or the run is not-steady
  during-faults: hold      # or { tolerate: { budget: 50% } }: spend at most that share of the error budget
  recover-within: 10s      # after each fault is reverted
  after: 15s               # steady state again at the end

# Faults, each reverted after \`for\` whatever happens. Faults start after warmup + baseline (20s)
# and end before the last \`after\` (45s). Uncomment once the target above exists:
faults: []
  # - { name: pause-api, target: api, type: pause, at: 25s, for: 10s }
  # - { name: slow-db, target: db, type: latency, latency: 300ms, at: 25s, for: 10s }
`;
}

function slug(host: string): string {
  return host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
