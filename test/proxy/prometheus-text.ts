/** One sample of a Prometheus text exposition. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed exposition: each family's TYPE and every sample. */
export interface Exposition {
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES = ['_total', '_bucket', '_sum', '_count', '_created', ''];

/**
 * Parses Prometheus text exposition format 0.0.4 strictly, throwing on the first line that breaks
 * it: metric and label names, quoted label values with `\\`, `\"`, `\n` escapes only, a float
 * value (NaN and ±Inf in any case, as Prometheus's own parser accepts) and an optional integer timestamp; at most one TYPE per family, given
 * before its samples; every sample belonging to a family whose TYPE was declared.
 */
export function parseExposition(text: string): Exposition {
  if (text !== '' && !text.endsWith('\n')) throw new Error('exposition does not end with a newline');
  const types = new Map<string, string>();
  const seen = new Set<string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((line, index) => {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${line}`);
    };
    if (line === '') return;
    if (line.startsWith('#')) {
      const [, keyword, name, rest] = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line) ?? [];
      if (!keyword) return; // a plain comment
      if (!NAME.test(name ?? '')) fail('bad metric name');
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest ?? '')) fail('unknown type');
        if (types.has(name ?? '') || seen.has(name ?? '')) fail('TYPE repeated or after samples');
        types.set(name ?? '', rest ?? '');
      }
      return;
    }
    let at = 0;
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0] ?? fail('bad metric name');
    at = name.length;
    const labels: Record<string, string> = {};
    if (line[at] === '{') {
      at++;
      while (line[at] !== '}') {
        const label = /^[^=]*/.exec(line.slice(at))?.[0] ?? '';
        if (!LABEL_NAME.test(label)) fail('bad label name');
        at += label.length;
        if (line.slice(at, at + 2) !== '="') fail('expected ="');
        at += 2;
        let value = '';
        for (;;) {
          const char = line[at++];
          if (char === undefined) fail('unterminated label value');
          if (char === '"') break;
          if (char === '\\') {
            const escaped = line[at++];
            if (escaped === 'n') value += '\n';
            else if (escaped === '\\' || escaped === '"') value += escaped;
            else fail('bad escape in label value');
          } else value += char;
        }
        if (label in labels) fail('repeated label');
        labels[label] = value;
        if (line[at] === ',') at++;
        else if (line[at] !== '}') fail('expected , or }');
      }
      at++;
    }
    const [, valueText, timestamp] = /^ (\S+)(?: (-?\d+))?$/.exec(line.slice(at)) ?? fail('bad value');
    // As Prometheus reads it (Go's strconv.ParseFloat): NaN and Inf in any case, with a sign for Inf.
    const special = /^([+-]?)(nan|inf|infinity)$/i.exec(valueText ?? '');
    const value = special
      ? special[2]?.toLowerCase() === 'nan'
        ? NaN
        : (special[1] === '-' ? -1 : 1) * Infinity
      : Number(valueText);
    if (Number.isNaN(value) && !special) fail('value is not a number');
    void timestamp;
    const family = SUFFIXES.map((s) => (s && name.endsWith(s) ? name.slice(0, -s.length) : name)).find((f) =>
      types.has(f),
    );
    if (!types.has(name) && family === undefined) fail('sample of a family without TYPE');
    seen.add(family ?? name);
    samples.push({ name, labels, value });
  });
  return { types, samples };
}

/** The value of the one sample named `name` whose labels include `labels`; 0 when none. */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string>): number {
  const found = exposition.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}
