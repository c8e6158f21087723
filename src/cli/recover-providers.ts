import { createDockerProvider } from '../faults/docker/docker-provider.ts';
import { createProcessProvider } from '../faults/process/process-provider.ts';
import { createToxiproxyProvider } from '../faults/toxiproxy/toxiproxy-provider.ts';
import type { RecoverProviders } from './commands/recover-command.ts';

/** The real providers `faultline recover` sweeps with: process records in the current folder, Docker engines by name, and Toxiproxy by URL. */
export const recoverProviders: RecoverProviders = {
  process: () => createProcessProvider(),
  docker: (engines, use) => createDockerProvider({ engines, useEngines: [use] }),
  toxiproxy: (url) => createToxiproxyProvider({ config: { url, proxies: [] } }),
};
