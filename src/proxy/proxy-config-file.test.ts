import { describe, expect, it } from 'vitest';
import { parseProxyConfig } from './proxy-config-file.ts';

const parse = (text: string) => parseProxyConfig(text, 'proxies.json');

describe('parseProxyConfig', () => {
  it('reads Toxiproxy config files; enabled stays optional', () => {
    const text = `[
  { "name": "db", "listen": "127.0.0.1:25432", "upstream": "postgres:5432" },
  { "name": "cache", "listen": "[::1]:0", "upstream": "127.0.0.1:6379", "enabled": false }
]`;
    expect(parse(text)).toEqual([
      { name: 'db', listen: '127.0.0.1:25432', upstream: 'postgres:5432' },
      { name: 'cache', listen: '[::1]:0', upstream: '127.0.0.1:6379', enabled: false },
    ]);
    expect(parse('\uFEFF[]')).toEqual([]);
  });

  it('names the file, line and column of a JSON syntax error and says what was expected', () => {
    expect(() => parse('[{ "name": "db", "listen": "127.0.0.1:0" ')).toThrow(
      'proxies.json:1:42: invalid JSON: expected "," or "}" after a property, found end of file',
    );
    expect(() => parse('[\n  { "name": "db", },\n]')).toThrow(
      'proxies.json:2:19: invalid JSON: expected a property name in double quotes, found "}"',
    );
    expect(() => parse('[1,]')).toThrow('proxies.json:1:4: invalid JSON: expected a value');
    expect(() => parse('[] x')).toThrow(
      'proxies.json:1:4: invalid JSON: expected end of file after the JSON value, found "x"',
    );
    expect(() => parse('"abc')).toThrow(
      "proxies.json:1:5: invalid JSON: expected a closing '\"', found end of file",
    );
    expect(() => parse('['.repeat(300))).toThrow(/nesting deeper than 256 levels/);
  });

  it('reports every missing or wrong field at its position', () => {
    const text = `[
  { "name": "db", "listen": "127.0.0.1:25432" },
  { "name": "", "listen": "nowhere", "upstream": "x:0", "enabled": "yes", "upstrem": "a:1" },
  "db"
]`;
    let message = '';
    try {
      parse(text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'proxies.json:2:3: expected "upstream" (a host:port string)',
      'proxies.json:3:13: "name": expected a non-empty string, found ""',
      'proxies.json:3:27: "listen": expected a host:port string (port 0–65535, IPv6 host in brackets), found "nowhere"',
      'proxies.json:3:50: "upstream": expected a host:port string (port 1–65535, IPv6 host in brackets), found "x:0"',
      'proxies.json:3:68: "enabled": expected true or false, found "yes"',
      'proxies.json:3:75: unknown key "upstrem"; allowed: name, listen, upstream, enabled',
      'proxies.json:4:3: expected a proxy object {"name", "listen", "upstream", "enabled"?}, found "db"',
    ]);
  });

  it('refuses a non-array, duplicate names and missing keys', () => {
    expect(() => parse('{"name": "db"}')).toThrow('proxies.json:1:1: expected a JSON array of proxies');
    expect(() =>
      parse('[{"name":"a","listen":":1","upstream":":2"},\n{"name":"a","listen":":3","upstream":":4"}]'),
    ).toThrow('proxies.json:2:9: duplicate proxy name "a" (first at line 1)');
    expect(() => parse('[{}]')).toThrow(
      /1:2: expected "name".*\n.*1:2: expected "listen".*\n.*1:2: expected "upstream"/,
    );
  });
});
