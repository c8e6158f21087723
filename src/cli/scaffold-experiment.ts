/**
 * A commented starting experiment for `url` (already checked to be http(s)): a gentle open-model
 * load, two objectives, a baseline and an after phase, no target and no fault yet — with the
 * target and fault forms shown in comments. It validates as written. Pure.
 */
export function scaffoldExperiment(url: string, name: string): string {
  const parsed = new URL(url);
  const base = `${parsed.protocol}//${parsed.host}`;
  const path = parsed.pathname + parsed.search || '/';
  return `# A faultline experiment (reference: docs/experiment-format.md in the faultline repository).
# Check it with \`faultline validate\`, see its timeline with \`faultline plan\`, run it with
# \`faultline run <this file> --reporter html,markdown\`. For completion in an editor:
# \`faultline schema > experiment.schema.json\`, then add a first line
# \`# yaml-language-server: $schema=./experiment.schema.json\`.
version: 1
name: ${name}
title: ${JSON.stringify(`${base} stays within its objectives while a dependency misbehaves`)}

# What faults act on. Uncomment one form and give it a name used by \`faults[].target\`:
targets: {}
#   api:      { process: { command: node server.js, env: { PORT: "8080" }, ready: http://127.0.0.1:8080/health } }
#   db:       { container: my-postgres }
#   replicas: { containers: { label: app=shop }, pick: 1, seed: 7 }
#   upstream: { proxy: upstream, probe: ${base}/health }

# The HTTP load. Open model: \`rate\` requests per second whatever the service does
# (or \`connections: 10\` for a closed model). Durations: 250ms, 5s, 2m, 1m30s.
load:
  url: ${base}
  requests:
    - { method: GET, path: ${JSON.stringify(path)} }
  rate: 20
  duration: 60s
  timeout: 2s

# Objectives judged per window: latency, success, errors or throughput.
slos:
  window: 5s
  objectives:
    - { name: availability, success: { at-least: 99% } }
    - { name: p99-latency, latency: { percentile: 99, below: 500ms } }

# Phases: warm-up (not scored), baseline (must be steady before any fault), the faults, then
# \`after\` (steady again). during-faults: hold, or { tolerate: { budget: 50% } }.
hypothesis:
  warmup: 5s
  baseline: 15s
  during-faults: hold
  recover-within: 10s
  after: 15s

# Faults, timed from the start of the load. Every fault is reverted whatever happens.
faults: []
#   - { name: freeze-api, target: api, type: pause, at: 25s, for: 5s }
#   - { name: slow-upstream, target: upstream, type: latency, latency: 300ms, at: 25s, for: 10s }

# Stop early (and revert) once an objective's error budget for the run is spent.
guardrails:
  abort-when: budget-exhausted
`;
}
