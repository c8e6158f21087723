/** A 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
export interface JsonPosition {
  readonly line: number;
  readonly column: number;
}

/** One `"key": value` of an object, with the key's position. */
export interface LocatedEntry {
  readonly key: string;
  readonly keyAt: JsonPosition;
  readonly value: LocatedValue;
}

/** A JSON value with the position of its first character. */
export type LocatedValue = { readonly at: JsonPosition } & (
  | { readonly kind: 'object'; readonly entries: readonly LocatedEntry[] }
  | { readonly kind: 'array'; readonly items: readonly LocatedValue[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
);

/** A JSON syntax error: what was expected and where. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: JsonPosition,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/**
 * Parses strict JSON (RFC 8259: no comments, no trailing commas), keeping positions. Throws
 * JsonSyntaxError saying what was expected, e.g. `expected "," or "}" after a property, found
 * end of file`. Nesting deeper than 256 levels is refused.
 */
export function parseLocatedJson(text: string): LocatedValue {
  return new JsonReader(text).document();
}

class JsonReader {
  private pos = 0;
  private readonly lineStarts = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  document(): LocatedValue {
    const root = this.value(0);
    this.skip();
    if (this.pos < this.text.length) this.fail('end of file after the JSON value');
    return root;
  }

  private value(depth: number): LocatedValue {
    this.skip();
    const at = this.at();
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, at);
    const c = this.text[this.pos];
    if (c === '{') return { at, kind: 'object', entries: this.object(depth) };
    if (c === '[') return { at, kind: 'array', items: this.array(depth) };
    if (c === '"') return { at, kind: 'string', value: this.string() };
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return { at, kind: 'number', value: Number(number[0]) };
    }
    for (const [word, literal] of LITERALS) {
      if (!this.text.startsWith(word, this.pos)) continue;
      this.pos += word.length;
      return literal === null ? { at, kind: 'null' } : { at, kind: 'boolean', value: literal };
    }
    return this.fail('a value (object, array, string, number, true, false or null)');
  }

  private array(depth: number): LocatedValue[] {
    const items: LocatedValue[] = [];
    this.pos++;
    this.skip();
    if (this.take(']')) return items;
    for (;;) {
      items.push(this.value(depth + 1));
      this.skip();
      if (this.take(']')) return items;
      if (!this.take(',')) this.fail('"," or "]" after an array element');
    }
  }

  private object(depth: number): LocatedEntry[] {
    const entries: LocatedEntry[] = [];
    this.pos++;
    this.skip();
    if (this.take('}')) return entries;
    for (;;) {
      this.skip();
      const keyAt = this.at();
      if (this.text[this.pos] !== '"') this.fail('a property name in double quotes');
      const key = this.string();
      this.skip();
      if (!this.take(':')) this.fail('":" after a property name');
      entries.push({ key, keyAt, value: this.value(depth + 1) });
      this.skip();
      if (this.take('}')) return entries;
      if (!this.take(',')) this.fail('"," or "}" after a property');
    }
  }

  private string(): string {
    const start = this.pos;
    for (this.pos++; this.pos < this.text.length && this.text[this.pos] !== '"'; this.pos++) {
      if (this.text[this.pos] === '\\') this.pos++;
      else if (this.text.charCodeAt(this.pos) < 0x20)
        this.fail("a closing '\"' (control characters must be escaped)");
    }
    if (!this.take('"')) this.fail("a closing '\"'");
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      throw new JsonSyntaxError('invalid escape sequence in string', this.at(start));
    }
  }

  private take(char: string): boolean {
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  private skip(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos] ?? '')) this.pos++;
  }

  private at(offset = this.pos): JsonPosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  private fail(expected: string): never {
    const found = this.pos >= this.text.length ? 'end of file' : JSON.stringify(this.text[this.pos]);
    throw new JsonSyntaxError(`expected ${expected}, found ${found}`, this.at());
  }
}
