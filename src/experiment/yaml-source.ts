import {
  isMap,
  isScalar,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { Problem, SourceLocation } from '../errors/faultline-error.ts';

/** A path into a parsed document: map keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** A YAML file parsed with positions kept, so any data path can be turned into file:line:col. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Problems of YAML syntax itself (each located). */
  readonly syntaxProblems: readonly Problem[];
  /** Location of the value at `path`, or of its nearest existing ancestor. */
  locate(path: DataPath): SourceLocation;
  /** Location of the key `path[last]` itself (for unknown keys); falls back to `locate`. */
  locateKey(path: DataPath): SourceLocation;
}

/** Deepest nesting of flow collections read: parsing time grows fast with depth past it. */
const MAX_FLOW_DEPTH = 64;

/** Offset where flow collections (`[`, `{`) nest deeper than MAX_FLOW_DEPTH, outside quotes and comments. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') comment = false;
    if (comment) continue;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) comment = true;
    else if ((c === '"' || c === "'") && depth > 0) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** The yaml library's own unique-key check is quadratic in the keys of a map (a file of 20,000
 * keys takes most of a minute): keys are checked by `duplicateKeys` instead, in one pass. */
const OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** A source that holds only `problem` at `offset` (text refused before the YAML parser sees it). */
function refused(file: string, text: string, offset: number): YamlSource {
  const before = text.slice(0, offset).split('\n');
  const location = { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  const problem = {
    message: `YAML nesting: expected at most ${MAX_FLOW_DEPTH} levels of [ ] or { }; this one goes deeper`,
    location,
  };
  return {
    file,
    data: undefined,
    syntaxProblems: [problem],
    locate: () => location,
    locateKey: () => location,
  };
}

/** Parses YAML text, keeping positions. Never throws: syntax errors come back as problems. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const deep = tooDeep(text);
  if (deep !== undefined) return refused(file, text, deep);
  const lines = new LineCounter();
  return sourceOf(file, parseDocument(text, { lineCounter: lines, ...OPTIONS }), lines);
}

/**
 * Parses a stream of YAML documents (`---` separated), one YamlSource per document, positions
 * counted in the whole file. Never throws: syntax errors come back on the document holding them.
 */
export function parseYamlDocuments(file: string, text: string): YamlSource[] {
  const deep = tooDeep(text);
  if (deep !== undefined) return [refused(file, text, deep)];
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, ...OPTIONS });
  return Array.isArray(docs) ? docs.map((doc) => sourceOf(file, doc, lines)) : [];
}

function sourceOf(file: string, doc: Document, lines: LineCounter): YamlSource {
  const at = (offset: number): SourceLocation => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const syntaxProblems = [
    ...doc.errors.map((e) => ({
      message: `YAML syntax: ${e.message.split('\n')[0] ?? e.message}`,
      location: at(e.pos[0]),
    })),
    ...duplicateKeys(doc).map((offset) => {
      const pos = lines.linePos(offset);
      return {
        message: `YAML syntax: Map keys must be unique at line ${pos.line}, column ${pos.col}:`,
        location: at(offset),
      };
    }),
  ].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
  const start = doc.contents?.range?.[0] ?? 0;
  const locate = (path: DataPath): SourceLocation => at(nearestNode(doc, path)?.range?.[0] ?? start);
  const locateKey = (path: DataPath): SourceLocation => {
    const parent = doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return at(keyNode.range[0]);
    }
    return locate(path);
  };
  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // The yaml library refuses aliases that expand without bound (a "billion laughs" file).
      syntaxProblems.push({
        message: `YAML aliases: ${error instanceof Error ? error.message : String(error)}; expected aliases (*name) that expand to a small document`,
        location: at(firstAlias(doc) ?? 0),
      });
    }
  }
  return { file, data, syntaxProblems, locate, locateKey };
}

function nearestNode(doc: Document, path: DataPath): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return doc.contents ?? undefined;
}

/** Offset of the first alias (`*name`) in the document, if any. */
function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** Offsets of keys that repeat an earlier key of the same map (scalar keys), in one pass. */
function duplicateKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) found.push(pair.key.range?.[0] ?? 0);
        seen.add(pair.key.value);
      }
    },
  });
  return found;
}
