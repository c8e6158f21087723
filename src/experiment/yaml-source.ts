import {
  isMap,
  isScalar,
  LineCounter,
  parseAllDocuments,
  parseDocument,
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

const OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/** Parses YAML text, keeping positions. Never throws: syntax errors come back as problems. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  return sourceOf(file, parseDocument(text, { lineCounter, ...OPTIONS }), lineCounter);
}

/**
 * Parses a stream of YAML documents (`---` separated), one YamlSource per document, positions
 * counted in the whole file. Never throws: syntax errors come back on the document holding them.
 */
export function parseYamlDocuments(file: string, text: string): YamlSource[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, ...OPTIONS });
  return Array.isArray(docs) ? docs.map((doc) => sourceOf(file, doc, lineCounter)) : [];
}

function sourceOf(file: string, doc: Document, lines: LineCounter): YamlSource {
  const at = (offset: number): SourceLocation => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const syntaxProblems = doc.errors.map((e) => ({
    message: `YAML syntax: ${e.message.split('\n')[0] ?? e.message}`,
    location: at(e.pos[0]),
  }));
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
  const data: unknown = syntaxProblems.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { file, data, syntaxProblems, locate, locateKey };
}

function nearestNode(doc: Document, path: DataPath): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return doc.contents ?? undefined;
}
