import { describe, expect, it } from 'vitest';
import { describeErrno, errnoCode, errnoPhrase } from './errno-phrase.ts';

const withCode = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('errnoPhrase', () => {
  it('words the common codes and says nothing for the rest', () => {
    expect(errnoPhrase(withCode('EADDRINUSE'))).toBe('the port is already in use');
    expect(errnoPhrase(withCode('EISDIR'))).toBe('it is a folder');
    expect(errnoPhrase(withCode('ENOTDIR'))).toBe('a file is in the way');
    expect(errnoPhrase(withCode('ECONNRESET'))).toBeUndefined();
    expect(errnoPhrase(new Error('no code'))).toBeUndefined();
    expect(errnoPhrase(undefined)).toBeUndefined();
    expect(errnoCode('a string')).toBeUndefined();
  });
});

describe('describeErrno', () => {
  it('gives the words with the code, or the message when the code is not a common one', () => {
    expect(describeErrno(withCode('EADDRINUSE'))).toBe('the port is already in use (EADDRINUSE)');
    expect(describeErrno(withCode('ECONNRESET'))).toBe('ECONNRESET: something');
    expect(describeErrno('plain')).toBe('plain');
  });
});
