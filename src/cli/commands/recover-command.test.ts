import { describe, expect, it } from 'vitest';
import { parseEngines } from './recover-command.ts';

describe('recover --engine', () => {
  it('takes NAME=address, a bare address, or a Docker context name', () => {
    expect(
      parseEngines(['edge=unix:///run/edge.sock', 'tcp://10.0.0.5:2375', 'ssh://me@db1', 'staging']),
    ).toEqual({
      edge: { host: 'unix:///run/edge.sock' },
      'tcp://10.0.0.5:2375': { host: 'tcp://10.0.0.5:2375' },
      'ssh://me@db1': { host: 'ssh://me@db1' },
      staging: { context: 'staging' },
    });
  });

  it('rejects anything else, naming the flag and what it expects', () => {
    expect(() => parseEngines(['edge=http://10.0.0.5'])).toThrow(
      /--engine: expected \[NAME=\]unix:\/\/\/path, tcp:\/\/host:port, ssh:\/\/user@host or a Docker context name; found "edge=http:\/\/10.0.0.5"/,
    );
    expect(() => parseEngines(['tcp://no-port'])).toThrow(/--engine: expected/);
  });
});
