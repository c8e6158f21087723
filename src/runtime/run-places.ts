import type { EngineSpec, Experiment } from '../experiment/model.ts';
import { redactText } from '../journal/redact.ts';

/**
 * Where a run's faults can live outside this machine's defaults, kept with its registration so
 * that `recover` after a `kill -9` finds them without flags: the named Docker engines its
 * container targets use and the Toxiproxy servers it talks to. A value that came from
 * `${env:…}` is never written down: its engine or server is listed as withheld instead.
 */
export interface RunPlaces {
  readonly engines: Readonly<Record<string, EngineSpec>>;
  readonly toxiproxy: readonly string[];
  /** Engines and servers whose address came from the environment (a secret): not written down. */
  readonly withheld: readonly string[];
}

/** The places of an experiment (pure). */
export function runPlaces(experiment: Experiment): RunPlaces {
  const secret = (value: string) => [...experiment.secrets.keys()].some((s) => s !== '' && value.includes(s));
  const used = new Set(
    Object.values(experiment.targets).flatMap((t) =>
      ('container' in t || 'containers' in t) && t.engine !== undefined ? [t.engine] : [],
    ),
  );
  const engines: Record<string, EngineSpec> = {};
  const withheld: string[] = [];
  for (const [name, spec] of Object.entries(experiment.engines ?? {})) {
    if (!used.has(name)) continue;
    if (Object.values(spec).some((v) => secret(JSON.stringify(v)))) withheld.push(`engine ${name}`);
    else engines[name] = spec;
  }
  const urls = [experiment.toxiproxy?.url, ...(experiment.toxiproxy?.proxies ?? []).map((p) => p.url)].filter(
    (u): u is string => u !== undefined,
  );
  const toxiproxy: string[] = [];
  for (const url of new Set(urls)) {
    if (secret(url)) withheld.push(`Toxiproxy ${redactText(url, experiment.secrets)}`);
    else toxiproxy.push(url);
  }
  return { engines, toxiproxy, withheld };
}
