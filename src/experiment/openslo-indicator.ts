import type { Problem, SourceLocation } from '../errors/faultline-error.ts';
import type { OpenSloSli } from './openslo-schema.ts';
import type { DataPath, YamlSource } from './yaml-source.ts';

/** What faultline measures for an OpenSLO indicator, and the unit of a latency threshold. */
export interface MappedIndicator {
  readonly kind: 'latency' | 'success';
  /** Milliseconds per unit of the OpenSLO `value` (latency only): 1 for ms, 1000 for s. */
  readonly msPerUnit: number;
}

/** An SLI together with the document and path it was written at, for located errors. */
export interface LocatedSli {
  readonly sli: OpenSloSli;
  readonly source: YamlSource;
  readonly path: DataPath;
}

/** The annotations faultline reads (on the SLI's or the SLO's metadata) and their values. */
export const FAULTLINE_ANNOTATIONS: Readonly<Record<string, readonly string[]>> = {
  'faultline.dev/indicator': ['latency', 'success'],
  'faultline.dev/unit': ['ms', 's'],
};
const MS_PER_UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000 };

/**
 * Decides what an SLI measures at the HTTP edge. The metric sources (queries) are never run:
 * a `thresholdMetric` is request latency, a `ratioMetric` (good/total, bad/total or raw) is the
 * success ratio (2xx/3xx inside the timeout). The annotation `faultline.dev/indicator` may say so
 * explicitly and must agree; `faultline.dev/unit` gives the unit of a latency `value` (default ms).
 * Annotations on the SLI win over the SLO's. Returns problems instead of throwing.
 */
export function mapIndicator(
  located: LocatedSli,
  sloAnnotations: {
    readonly values: Readonly<Record<string, string>>;
    readonly at: YamlSource;
    readonly path: DataPath;
  },
): { indicator?: MappedIndicator; problems: Problem[] } {
  const { sli, source, path } = located;
  const problems: Problem[] = [];
  const own = sli.metadata.annotations ?? {};
  const annotation = (key: string): { value: string; where: () => SourceLocation } | undefined => {
    const mine = own[key];
    if (mine !== undefined)
      return { value: mine, where: () => source.locate([...path, 'metadata', 'annotations', key]) };
    const inherited = sloAnnotations.values[key];
    if (inherited !== undefined)
      return { value: inherited, where: () => sloAnnotations.at.locate([...sloAnnotations.path, key]) };
    return undefined;
  };
  const unknownKeys = [
    ...Object.keys(own).map((k) => ({
      k,
      at: () => source.locateKey([...path, 'metadata', 'annotations', k]),
    })),
    ...Object.keys(sloAnnotations.values).map((k) => ({
      k,
      at: () => sloAnnotations.at.locateKey([...sloAnnotations.path, k]),
    })),
  ].filter(({ k }) => k.startsWith('faultline.dev/') && !(k in FAULTLINE_ANNOTATIONS));
  for (const { k, at } of unknownKeys)
    problems.push({
      message: `unknown annotation \`${k}\`; faultline reads: ${Object.keys(FAULTLINE_ANNOTATIONS).join(', ')}`,
      location: at(),
    });
  for (const key of Object.keys(FAULTLINE_ANNOTATIONS)) {
    const found = annotation(key);
    const allowed = FAULTLINE_ANNOTATIONS[key] ?? [];
    if (found && !allowed.includes(found.value))
      problems.push({
        message: `${key} "${found.value}" is not supported; expected one of: ${allowed.join(', ')}`,
        location: found.where(),
      });
  }
  const { thresholdMetric, ratioMetric } = sli.spec;
  if ((thresholdMetric === undefined) === (ratioMetric === undefined)) {
    problems.push({
      message: `an SLI needs exactly one of thresholdMetric (latency) or ratioMetric (success ratio); found ${thresholdMetric ? 'both' : 'neither'}`,
      location: source.locate([...path, 'spec']),
    });
    return { problems };
  }
  if (ratioMetric) {
    const { good, bad, total, raw, rawType } = ratioMetric;
    const shape =
      raw !== undefined
        ? rawType !== undefined && !good && !bad && !total
        : total !== undefined && (good === undefined) !== (bad === undefined) && rawType === undefined;
    if (!shape)
      problems.push({
        message: 'a ratioMetric needs good and total, bad and total, or raw with rawType (and nothing else)',
        location: source.locate([...path, 'spec', 'ratioMetric']),
      });
  }
  const kind = thresholdMetric ? 'latency' : 'success';
  const declared = annotation('faultline.dev/indicator');
  if (
    declared &&
    declared.value !== kind &&
    (FAULTLINE_ANNOTATIONS['faultline.dev/indicator'] ?? []).includes(declared.value)
  )
    problems.push({
      message: `faultline.dev/indicator "${declared.value}" does not fit a ${thresholdMetric ? 'thresholdMetric' : 'ratioMetric'}: faultline maps a thresholdMetric to latency and a ratioMetric to success`,
      location: declared.where(),
    });
  const unit = annotation('faultline.dev/unit');
  if (unit && kind !== 'latency')
    problems.push({
      message: 'faultline.dev/unit applies to a latency thresholdMetric only; this SLI is a ratioMetric',
      location: unit.where(),
    });
  if (problems.length > 0) return { problems };
  return { indicator: { kind, msPerUnit: MS_PER_UNIT[unit?.value ?? 'ms'] ?? 1 }, problems };
}
