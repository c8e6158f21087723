import type { Problem } from '../errors/faultline-error.ts';
import { problemsFromIssues } from './issue-messages.ts';
import { mapIndicator, type LocatedSli } from './openslo-indicator.ts';
import { mapObjective, type MappedObjective } from './openslo-objective.ts';
import { openSloDocumentSchema, type OpenSloSlo } from './openslo-schema.ts';
import { formatDuration } from './quantities.ts';
import type { YamlSource } from './yaml-source.ts';

/** The objectives an OpenSLO file maps to, the one window its timeslices share, and problems. */
export interface OpenSloMapping {
  readonly objectives: readonly MappedObjective[];
  readonly window?: MappedObjective['window'];
  readonly problems: readonly Problem[];
}

/** Documents of the file that parsed, by kind. */
interface Parsed {
  readonly slos: { slo: OpenSloSlo; source: YamlSource }[];
  readonly slis: Map<string, LocatedSli>;
}

/**
 * Maps the documents of one OpenSLO file (kind SLO and SLI, apiVersion openslo/v1) to faultline
 * objectives. Every field it cannot map becomes a located problem; nothing is dropped silently.
 */
export function mapOpenSlo(docs: readonly YamlSource[]): OpenSloMapping {
  const problems: Problem[] = [];
  const parsed: Parsed = { slos: [], slis: new Map() };
  for (const doc of docs) {
    problems.push(...doc.syntaxProblems);
    if (doc.syntaxProblems.length > 0 || doc.data === null || doc.data === undefined) continue;
    const result = openSloDocumentSchema.safeParse(doc.data);
    if (!result.success) {
      problems.push(...problemsFromIssues(result.error.issues, doc, openSloDocumentSchema));
      continue;
    }
    if (result.data.kind === 'SLO') parsed.slos.push({ slo: result.data, source: doc });
    else parsed.slis.set(result.data.metadata.name, { sli: result.data, source: doc, path: [] });
  }
  if (problems.length === 0 && parsed.slos.length === 0)
    problems.push({
      message: 'expected at least one OpenSLO document with kind: SLO (and apiVersion: openslo/v1)',
      location: { file: docs[0]?.file ?? '', line: 1, column: 1 },
    });
  const objectives = parsed.slos.flatMap(({ slo, source }) => mapSlo(slo, source, parsed.slis, problems));
  let window: MappedObjective['window'];
  for (const o of objectives) {
    if (!o.window) continue;
    if (!window) window = o.window;
    else if (o.window.ms !== window.ms)
      problems.push({
        message: `timeSliceWindow ${formatDuration(o.window.ms)} differs from ${formatDuration(window.ms)} at ${window.location.line}:${window.location.column}; faultline scores every objective on one window`,
        location: o.window.location,
      });
  }
  return { objectives, ...(window ? { window } : {}), problems };
}

function mapSlo(
  slo: OpenSloSlo,
  source: YamlSource,
  slis: ReadonlyMap<string, LocatedSli>,
  problems: Problem[],
): MappedObjective[] {
  const { spec } = slo;
  const before = problems.length;
  if (spec.alertPolicies !== undefined)
    problems.push({
      message:
        'alertPolicies cannot be mapped: faultline judges the run and sends no alerts; keep them in a file faultline does not read',
      location: source.locateKey(['spec', 'alertPolicies']),
    });
  if (spec.budgetingMethod === 'RatioTimeslices')
    problems.push({
      message: 'budgetingMethod RatioTimeslices is not supported; faultline maps Occurrences and Timeslices',
      location: source.locate(['spec', 'budgetingMethod']),
    });
  spec.timeWindow?.forEach((w, i) => {
    if (!/^\d+[mhdwMQY]$/.test(w.duration))
      problems.push({
        message: `expected a duration shorthand such as 1h, 28d or 4w, found "${w.duration}"`,
        location: source.locate(['spec', 'timeWindow', i, 'duration']),
      });
  });
  if (spec.timeWindow && spec.timeWindow.length !== 1)
    problems.push({
      message: 'expected exactly one timeWindow',
      location: source.locate(['spec', 'timeWindow']),
    });
  const sli = indicatorOf(slo, source, slis, problems);
  if (!sli) return [];
  const annotations = {
    values: slo.metadata.annotations ?? {},
    at: source,
    path: ['metadata', 'annotations'],
  };
  const { indicator, problems: found } = mapIndicator(sli, annotations);
  problems.push(...found);
  if (!indicator || problems.length > before) return [];
  const several = spec.objectives.length > 1;
  return spec.objectives.flatMap((o, i) => {
    const path = ['spec', 'objectives', i];
    const mapped = mapObjective(o, {
      name: several ? `${slo.metadata.name}/${i + 1}` : slo.metadata.name,
      timeslices: spec.budgetingMethod === 'Timeslices',
      indicator,
      locate: (p) => source.locate([...path, ...p]),
      locateKey: (p) => source.locateKey([...path, ...p]),
    });
    problems.push(...mapped.problems);
    return mapped.objective ? [mapped.objective] : [];
  });
}

function indicatorOf(
  slo: OpenSloSlo,
  source: YamlSource,
  slis: ReadonlyMap<string, LocatedSli>,
  problems: Problem[],
): LocatedSli | undefined {
  const { indicator, indicatorRef } = slo.spec;
  if ((indicator === undefined) === (indicatorRef === undefined)) {
    problems.push({
      message: `an SLO needs exactly one of spec.indicator (an inline SLI) or spec.indicatorRef (the name of an SLI document in this file); found ${indicator ? 'both' : 'neither'}`,
      location: source.locate(['spec']),
    });
    return undefined;
  }
  if (indicator) return { sli: indicator, source, path: ['spec', 'indicator'] };
  const found = slis.get(indicatorRef ?? '');
  if (!found)
    problems.push({
      message: `indicatorRef \`${indicatorRef}\` names no SLI document in this file; SLIs here: ${[...slis.keys()].join(', ') || 'none'}`,
      location: source.locate(['spec', 'indicatorRef']),
    });
  return found;
}
