/** A JSON number kept as written, so that messages can quote it as Go's decoder does. */
export class JsonNumber {
  constructor(readonly text: string) {}
  get value(): number {
    return Number(this.text);
  }
}

/** A decoded JSON value: objects keep their keys in order (duplicates included), numbers their text. */
export type GoJsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | GoJsonValue[]
  | { readonly members: readonly (readonly [string, GoJsonValue])[] };

/** Raised for malformed JSON; `message` is Go's encoding/json wording. */
export class GoJsonSyntaxError extends Error {}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const GO_QUOTED: Record<string, string> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
};

/** A character as Go's scanner quotes it in errors: `'b'`, `'\n'`, `'\x01'`, `'"'`, `'\''`. */
export function goQuoteChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (char === "'") return "'\\''";
  const named = GO_QUOTED[code];
  if (named) return `'${named}'`;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  // Go quotes one byte: the first byte of a multi-byte UTF-8 character, read as a code point.
  const byte = code < 0x80 ? code : (Buffer.from(char, 'utf8')[0] ?? 0);
  if (byte >= 0x80 && (byte < 0xa1 || byte === 0xad)) return `'\\u00${byte.toString(16)}'`;
  return `'${String.fromCodePoint(byte)}'`;
}

/**
 * Decodes the first JSON value of `text` as Go's `json.NewDecoder(r).Decode` does: leading
 * whitespace skipped, anything after the first value ignored, errors in Go's words (`EOF`,
 * `unexpected EOF`, `invalid character 'b' looking for beginning of object key string`).
 */
export function decodeGoJson(text: string): GoJsonValue {
  let at = 0;
  const fail = (context: string): never => {
    if (at >= text.length) throw new GoJsonSyntaxError('unexpected EOF');
    const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
    throw new GoJsonSyntaxError(`invalid character ${goQuoteChar(char)} ${context}`);
  };
  const skip = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at] ?? '')) at++;
  };
  const literal = (word: string, value: GoJsonValue): GoJsonValue => {
    for (let i = 1; i < word.length; i++) {
      at++;
      if (text[at] !== word[i]) fail(`in literal ${word} (expecting '${word[i] ?? ''}')`);
    }
    at++;
    return value;
  };
  const digits = () => {
    while (at < text.length && /[0-9]/.test(text[at] ?? '')) at++;
  };
  const number = (): JsonNumber => {
    const start = at;
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else if (/[1-9]/.test(text[at] ?? '')) digits();
    else fail('in numeric literal');
    if (text[at] === '.') {
      at++;
      if (!/[0-9]/.test(text[at] ?? '')) fail('after decimal point in numeric literal');
      digits();
    }
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      if (!/[0-9]/.test(text[at] ?? '')) fail('in exponent of numeric literal');
      digits();
    }
    return new JsonNumber(text.slice(start, at));
  };
  const string = (): string => {
    let out = '';
    at++;
    for (;;) {
      const char = text[at];
      if (char === undefined) return fail('');
      if (char === '"') {
        at++;
        return out;
      }
      if (char < ' ') fail('in string literal');
      if (char !== '\\') {
        out += char;
        at++;
        continue;
      }
      at++;
      const escape = text[at] ?? '';
      if (escape === 'u') {
        const hex = text.slice(at + 1, at + 5);
        for (let i = 1; i <= 4; i++) {
          at++;
          if (!/[0-9a-fA-F]/.test(text[at] ?? '')) fail('in \\u hexadecimal character escape');
        }
        out += String.fromCharCode(parseInt(hex, 16));
      } else if (ESCAPES[escape] !== undefined) out += ESCAPES[escape];
      else fail('in string escape code');
      at++;
    }
  };
  const value = (context: string): GoJsonValue => {
    skip();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === 't') return literal('true', true);
    if (char === 'f') return literal('false', false);
    if (char === 'n') return literal('null', null);
    if (char === '-' || /[0-9]/.test(char ?? '')) return number();
    return fail(context);
  };
  const object = (): GoJsonValue => {
    const members: [string, GoJsonValue][] = [];
    at++;
    skip();
    if (text[at] === '}') {
      at++;
      return { members };
    }
    for (;;) {
      skip();
      if (text[at] !== '"') fail('looking for beginning of object key string');
      const key = string();
      skip();
      if (text[at] !== ':') fail('after object key');
      at++;
      members.push([key, value('looking for beginning of value')]);
      skip();
      if (text[at] === ',') at++;
      else if (text[at] === '}') {
        at++;
        return { members };
      } else fail('after object key:value pair');
    }
  };
  const array = (): GoJsonValue => {
    const items: GoJsonValue[] = [];
    at++;
    skip();
    if (text[at] === ']') {
      at++;
      return items;
    }
    for (;;) {
      items.push(value('looking for beginning of value'));
      skip();
      if (text[at] === ',') at++;
      else if (text[at] === ']') {
        at++;
        return items;
      } else fail('after array element');
    }
  };
  skip();
  if (at >= text.length) throw new GoJsonSyntaxError('EOF');
  return value('looking for beginning of value');
}
