import { describe, expect, it } from 'vitest';
import { asObject, decodeStruct } from './body-fields.ts';
import { decodeGoJson, goQuoteChar, JsonNumber } from './go-json.ts';

const syntaxError = (text: string): string => {
  try {
    decodeGoJson(text);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

const PROXY = { name: 'string', listen: 'string', upstream: 'string', enabled: 'bool' } as const;
const proxyOf = (text: string) =>
  decodeStruct(asObject(decodeGoJson(text), 'toxiproxy.Proxy'), 'Proxy', PROXY);

describe("Go's encoding/json Decoder, as Toxiproxy reads request bodies", () => {
  it('reads the first value and ignores whatever follows it', () => {
    expect(proxyOf('{"name":"a"} trailing {garbage')).toEqual({ name: 'a' });
    expect(proxyOf('  \n{"name":"a"}{"name":"b"}')).toEqual({ name: 'a' });
    expect(decodeGoJson('12x')).toEqual(new JsonNumber('12'));
  });

  it("reports malformed JSON in Go's words", () => {
    expect(syntaxError('')).toBe('EOF');
    expect(syntaxError('   ')).toBe('EOF');
    expect(syntaxError('{"name": ')).toBe('unexpected EOF');
    expect(syntaxError('{bad}')).toBe("invalid character 'b' looking for beginning of object key string");
    expect(syntaxError('{"a",}')).toBe("invalid character ',' after object key");
    expect(syntaxError('{"a":1 "b":2}')).toBe("invalid character '\"' after object key:value pair");
    expect(syntaxError('{"a":1,}')).toBe("invalid character '}' looking for beginning of object key string");
    expect(syntaxError('[1,]')).toBe("invalid character ']' looking for beginning of value");
    expect(syntaxError('[1 2]')).toBe("invalid character '2' after array element");
    expect(syntaxError('nope')).toBe("invalid character 'o' in literal null (expecting 'u')");
    expect(syntaxError('x')).toBe("invalid character 'x' looking for beginning of value");
    expect(syntaxError('-x')).toBe("invalid character 'x' in numeric literal");
    expect(syntaxError('1.x')).toBe("invalid character 'x' after decimal point in numeric literal");
    expect(syntaxError('"a\\qb"')).toBe("invalid character 'q' in string escape code");
    expect(syntaxError('"a\nb"')).toBe("invalid character '\\n' in string literal");
    expect(syntaxError("'a'")).toBe("invalid character '\\'' looking for beginning of value");
  });

  it('quotes characters as Go does', () => {
    expect(goQuoteChar('\u0001')).toBe("'\\x01'");
    expect(goQuoteChar('\t')).toBe("'\\t'");
    expect(goQuoteChar('"')).toBe("'\"'");
    expect(goQuoteChar('é')).toBe("'Ã'"); // Go quotes the first byte (0xC3) of the UTF-8 sequence
  });

  it('matches keys exactly, else without regard to case; the last matching key wins', () => {
    expect(proxyOf('{"NAME":"a","Listen":"127.0.0.1:0","UPSTREAM":"x:1"}')).toEqual({
      name: 'a',
      listen: '127.0.0.1:0',
      upstream: 'x:1',
    });
    expect(proxyOf('{"name":"a","Name":"b"}')).toEqual({ name: 'b' });
    expect(proxyOf('{"name":null,"other":5}')).toEqual({});
  });

  it('reports the first value of a wrong type, in document order, as Go does', () => {
    expect(() => proxyOf('{"name":5}')).toThrow(
      'bad request body: json: cannot unmarshal number into Go struct field Proxy.name of type string',
    );
    expect(() => proxyOf('{"enabled":"yes","name":5}')).toThrow(
      'json: cannot unmarshal string into Go struct field Proxy.enabled of type bool',
    );
    expect(() => proxyOf('[]')).toThrow('json: cannot unmarshal array into Go value of type toxiproxy.Proxy');
    const attributes = (text: string) =>
      decodeStruct(asObject(decodeGoJson(text), 'x'), 'attributes', { latency: 'int64' } as const);
    expect(attributes('{"Latency":100}')).toEqual({ latency: 100 });
    expect(() => attributes('{"latency":1.5}')).toThrow(
      'json: cannot unmarshal number 1.5 into Go struct field attributes.latency of type int64',
    );
  });
});
