import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = process.cwd();
const files = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** Link targets in Markdown: `[text](target)` and `<https://…>`. */
function linksOf(text: string): string[] {
  const inline = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
  const angle = [...text.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((m) => m[1] ?? '');
  return [...inline, ...angle];
}

/** Where a link goes, or why it leaves the repository for somewhere a reader cannot follow. */
function problemWith(file: string, target: string): string | undefined {
  if (target.startsWith('#')) return undefined;
  if (/^https?:\/\//.test(target)) {
    const host = new URL(target).hostname;
    const local = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.0\.0\.0|\[?::1\]?$)/.test(
      host,
    );
    return local || !host.includes('.') ? `${target} is not a public website` : undefined;
  }
  if (/^[a-z]+:/i.test(target)) return `${target}: only http(s) links and repository files`;
  const path = resolve(dirname(file), target.split('#')[0] ?? '');
  if (relative(repo, path).startsWith('..')) return `${target} leaves the repository`;
  return existsSync(path) ? undefined : `${target} does not exist in the repository`;
}

describe('README and docs link only to files in the repository or to public websites', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    const problems = linksOf(text)
      .map((target) => problemWith(file, target))
      .filter((p) => p !== undefined);
    expect(problems).toEqual([]);
    expect(text).not.toMatch(/\.\.\/shared\b/);
  });

  it('the check can fail: a link out of the repository, to a missing file, to localhost', () => {
    expect(problemWith('README.md', '../shared/DESIGN.md')).toBe('../shared/DESIGN.md leaves the repository');
    expect(problemWith('docs/journal.md', 'nothing.md')).toBe('nothing.md does not exist in the repository');
    expect(problemWith('README.md', 'http://127.0.0.1:8474/proxies')).toContain('not a public website');
    expect(problemWith('README.md', 'file:///etc/passwd')).toContain('only http(s) links');
    expect(problemWith('docs/journal.md', '../schema/journal.schema.json')).toBeUndefined();
  });
});
