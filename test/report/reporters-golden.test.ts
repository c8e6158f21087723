import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReporters } from '../../src/cli/default-reporters.ts';
import type { Journal } from '../../src/journal/journal.ts';
import { readJournal } from '../../src/journal/read-journal.ts';
import { tempDir } from '../helpers/captured-runtime.ts';

const fixture = readFileSync('test/fixtures/journal/checkout-holds.journal.json', 'utf8');
const journal = (): Journal => readJournal(fixture, 'fixture');
const registry = defaultReporters();
const render = (name: string, j: Journal = journal()) =>
  registry.select([name], '--reporter')[0]?.render(j) ?? '';
const golden = (file: string) => join('test/fixtures/journal/golden', file);

/** Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (then review the diff). */
const update = process.env.UPDATE_GOLDEN === '1';

describe('reporters render a fixed journal exactly as the golden files', () => {
  for (const [name, file] of [
    ['markdown', 'summary.md'],
    ['postmortem', 'postmortem.md'],
    ['junit', 'junit.xml'],
  ] as const) {
    it(`${name} → ${file}`, () => {
      const text = render(name);
      if (update) writeFileSync(golden(file), text);
      expect(text).toBe(readFileSync(golden(file), 'utf8'));
    });
  }

  it('the postmortem has every section of the blameless format, with numbers from the journal', () => {
    const text = render('postmortem');
    const sections = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual([
      'Summary',
      'Impact',
      'Detection',
      'Timeline',
      'Recovery',
      'What went well',
      'What went wrong',
      'Action items',
    ]);
    expect(text).toContain('298 bad of 1500 requests');
    expect(text).toContain('fault freeze-inventory injected (pause on inventory)');
  });

  it('junit.xml is valid against the common JUnit schema, one case per objective × phase and per fault', () => {
    const dir = tempDir();
    const file = join(dir, 'junit.xml');
    writeFileSync(file, render('junit'));
    const out = execFileSync('xmllint', ['--noout', '--schema', 'test/fixtures/junit/junit.xsd', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(5 * 2 + 1);
    expect(xml).toMatch(/<failure message="fast no answer in faults \(4 breaches\); required p99 &lt; 300ms/);
  });

  it('xmllint rejects a JUnit file that breaks the schema (the check can fail)', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.xml');
    writeFileSync(file, render('junit').replace(/tests="11"/g, 'tests="eleven"'));
    expect(() =>
      execFileSync('xmllint', ['--noout', '--schema', 'test/fixtures/junit/junit.xsd', file], {
        stdio: 'pipe',
      }),
    ).toThrow(/fails to validate|not a valid value/);
  });
});

describe('a hostile title comes out as text in every format', () => {
  const title = '<script>alert(1)</script> & co';
  const hostile = (): Journal => {
    const j = journal();
    return {
      ...j,
      experiment: { ...j.experiment, title, name: title },
      notes: [{ atMs: 1, message: title }],
    };
  };

  it('HTML: entities, never a second script element from the title', () => {
    const html = render('html', hostile());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script[ >]/g)).toHaveLength(3); // data, uPlot, our chart script
  });

  it('XML: entities in attributes and text, and the file stays valid', () => {
    const xml = render('junit', hostile());
    expect(xml).toContain('name="&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"');
    expect(xml).not.toContain('<script>');
    const file = join(tempDir(), 'junit.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', 'test/fixtures/junit/junit.xsd', file], {
      stdio: 'pipe',
    });
  });

  it('Markdown: no raw HTML, the ampersand and brackets neutralised', () => {
    for (const name of ['markdown', 'postmortem']) {
      const text = render(name, hostile());
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
      expect(text).not.toMatch(/<script|(?<!&amp;)& co/);
    }
  });
});
