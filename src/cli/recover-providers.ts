import { createDockerProvider } from '../faults/docker/docker-provider.ts';
import { createToxiproxyProvider } from '../faults/toxiproxy/toxiproxy-provider.ts';
import type { RecoverProviders } from './commands/recover-command.ts';

/** The real providers `faultline recover` sweeps with: Docker engines by name, and Toxiproxy by URL. */
export const recoverProviders: RecoverProviders = {
  docker: (engines, use) => createDockerProvider({ engines, useEngines: [use] }),
  toxiproxy: (url) => createToxiproxyProvider({ config: { url, proxies: [] } }),
};
