import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../experiment/load-experiment.ts';
import { runPlaces } from './run-places.ts';

const text = `version: 1
name: places
engines:
  edge: { host: "tcp://10.0.0.7:2376", tls: { ca: /certs/ca.pem, cert: /certs/cert.pem, key: /certs/key.pem } }
  hidden: { host: "\${env:EDGE_HOST}" }
  unused: { host: "unix:///var/run/other.sock" }
targets:
  far: { container: shop, engine: edge }
  secret: { container: db, engine: hidden }
  near: { container: cache }
toxiproxy:
  url: http://127.0.0.1:8474
  proxies:
    - { name: db, listen: "127.0.0.1:5000", upstream: "127.0.0.1:5432", url: "http://\${env:PROXY_HOST}:8474" }
load: { url: "http://127.0.0.1:8080", rate: 10, duration: 10s }
slos: { window: 1s, objectives: [{ name: ok, success: { at-least: 99% } }] }
hypothesis: { baseline: 2s }
`;

describe('runPlaces', () => {
  it('keeps the engines the targets use and every Toxiproxy server, and withholds what came from the environment', () => {
    const experiment = loadExperiment('places.yaml', {
      readText: () => text,
      env: { EDGE_HOST: 'tcp://10.9.9.9:2376', PROXY_HOST: 'proxy.internal' },
    });
    const places = runPlaces(experiment);
    expect(Object.keys(places.engines)).toEqual(['edge']);
    expect(places.engines.edge).toMatchObject({ host: 'tcp://10.0.0.7:2376', tls: { ca: '/certs/ca.pem' } });
    expect(places.toxiproxy).toEqual(['http://127.0.0.1:8474']);
    expect(places.withheld).toEqual(['engine hidden', 'Toxiproxy http://${env:PROXY_HOST}:8474']);
    const written = JSON.stringify(places);
    expect(written).not.toContain('10.9.9.9');
    expect(written).not.toContain('proxy.internal');
  });
});
