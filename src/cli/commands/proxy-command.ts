import { resolve } from 'node:path';
import { describeErrno } from '../../errors/errno-phrase.ts';
import { InvalidInputError } from '../../errors/faultline-error.ts';
import type { ProxyConfig } from '../../proxy/proxy-server.ts';
import type { Runtime } from '../../runtime/runtime.ts';

export interface ProxyOptions {
  readonly host: string;
  readonly port: number;
  readonly config?: string | undefined;
  /** `--proxy-metrics`: byte counters per proxy at /metrics. */
  readonly proxyMetrics?: boolean;
  /** `--runtime-metrics`: the process's metrics at /metrics. */
  readonly runtimeMetrics?: boolean;
}

/**
 * `faultline proxy`: the embedded Toxiproxy-compatible server, standalone. Creates the proxies of
 * `--config` (Toxiproxy's JSON format), serves Prometheus /metrics with `--proxy-metrics` and/or
 * `--runtime-metrics` (Toxiproxy's flags), serves until SIGINT/SIGTERM, then closes every listener
 * and connection before returning.
 */
export async function proxyCommand(options: ProxyOptions, runtime: Runtime): Promise<number> {
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) {
    throw new InvalidInputError([{ message: `--port: expected a TCP port 0–65535, found ${options.port}` }], {
      code: 'E_USAGE',
    });
  }
  // Loaded on demand: only this command needs the proxy's code.
  const { parseProxyConfig } = await import('../../proxy/proxy-config-file.ts');
  const { startProxyServer } = await import('../../proxy/proxy-server.ts');
  let proxies: ProxyConfig[] = [];
  if (options.config !== undefined) {
    const text = runtime.readText(resolve(runtime.cwd, options.config));
    if (text === undefined)
      throw new InvalidInputError([{ message: `--config: file not found: ${options.config}` }], {
        code: 'E_FILE_NOT_FOUND',
      });
    try {
      proxies = parseProxyConfig(text, options.config);
    } catch (error) {
      throw new InvalidInputError([{ message: error instanceof Error ? error.message : String(error) }], {
        code: 'E_PROXY_CONFIG',
      });
    }
  }
  const metrics = options.proxyMetrics === true || options.runtimeMetrics === true;
  const server = await startProxyServer({
    host: options.host,
    port: options.port,
    proxyMetrics: options.proxyMetrics === true,
    runtimeMetrics: options.runtimeMetrics === true,
  }).catch((error: unknown) => {
    throw new InvalidInputError(
      [
        {
          message: `--host/--port: cannot serve the API on ${options.host}:${options.port}: ${describeErrno(error)}`,
        },
      ],
      { code: 'E_LISTEN', hint: 'pick a free port (--port 0 takes any) on an address of this machine' },
    );
  });
  try {
    await server.populate(proxies);
  } catch (error) {
    await server.close();
    const message = (error instanceof Error ? error.message : String(error)).replace(/^populate: /, '');
    throw new InvalidInputError(
      [{ message: `--config ${options.config ?? ''}: cannot create its proxies: ${message}` }],
      {
        code: 'E_PROXY_CONFIG',
        hint: 'each proxy needs a listen address that is free on this machine',
      },
    );
  }
  runtime.stderr.write(
    `faultline proxy: Toxiproxy API on ${server.url} with ${proxies.length} prox${proxies.length === 1 ? 'y' : 'ies'}${metrics ? `, metrics at ${server.url}/metrics` : ''}; Ctrl-C to stop\n`,
  );
  if (!runtime.signal.aborted)
    await new Promise((r) => runtime.signal.addEventListener('abort', r, { once: true }));
  await server.close();
  runtime.stderr.write('faultline proxy: stopped\n');
  return 0;
}
