import type { ContainerDetails, DockerPort } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import type { TargetSpec } from '../../experiment/model.ts';
import type { ResolvedTarget } from '../fault-provider.ts';
import { isNotFound } from './docker-evidence.ts';
import { pickCount, seededPick } from './seeded-pick.ts';

type Member = ResolvedTarget['members'][number];
type ContainerSpec = Extract<TargetSpec, { container: string }>;
type SelectionSpec = Extract<TargetSpec, { containers: unknown }>;

const COMPOSE_SERVICE = 'com.docker.compose.service';
const COMPOSE_PROJECT = 'com.docker.compose.project';

/**
 * Makes a container target concrete. `{ container }` is one container by name or id, which must
 * be running and not paused. `{ containers }` selects running, unpaused containers matching every
 * given criterion (label `k=v` or `k`, name `/regex/`, Compose service and project labels), sorted
 * by name, then picks `pick` of them (count or share) with a shuffle seeded by `seed` (default 0),
 * so the same containers are picked every time. Throws RunFailedError naming the selector when
 * nothing matches.
 */
export async function selectContainers(
  docker: DockerPort,
  name: string,
  spec: ContainerSpec | SelectionSpec,
): Promise<ResolvedTarget> {
  const members =
    'container' in spec
      ? [await oneContainer(docker, name, spec.container)]
      : await selection(docker, name, spec);
  return { name, kind: 'container', spec, members };
}

async function oneContainer(docker: DockerPort, target: string, ref: string): Promise<Member> {
  let info: ContainerDetails;
  try {
    info = await docker.container(ref).inspect();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    throw new RunFailedError('E_TARGET_NOT_FOUND', `target ${target}: no container named ${ref}`, {
      hint: 'check the name with: docker ps -a --format {{.Names}}',
    });
  }
  const containerName = info.Name.replace(/^\//, '');
  if (!info.State.Running || info.State.Paused) {
    throw new RunFailedError(
      'E_TARGET_DOWN',
      `target ${target}: container ${containerName} is ${info.State.Status}, not running`,
      { hint: `start it first: docker start ${containerName}` },
    );
  }
  return { id: info.Id, label: containerName };
}

async function selection(docker: DockerPort, target: string, spec: SelectionSpec): Promise<Member[]> {
  const { label, name, service, project } = spec.containers;
  const labels = [
    label,
    service === undefined ? undefined : `${COMPOSE_SERVICE}=${service}`,
    project === undefined ? undefined : `${COMPOSE_PROJECT}=${project}`,
  ].filter((l) => l !== undefined);
  const listed = await docker.listContainers({ all: true, labels });
  const pattern = name === undefined ? undefined : new RegExp(name.slice(1, -1));
  const matching = listed
    .map((c) => ({ id: c.Id, label: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }))
    .filter((c) => pattern === undefined || pattern.test(c.label))
    .sort((a, b) => a.label.localeCompare(b.label));
  const running = matching.filter((c) => c.state === 'running');
  if (running.length === 0) {
    const others = matching.map((c) => `${c.label} (${c.state})`).join(', ');
    throw new RunFailedError(
      'E_TARGET_NO_MATCH',
      `target ${target}: no running container matches ${describeSelector(spec.containers)}${others ? `; matching but not running: ${others}` : ''}`,
      {
        hint: `see what matches with: docker ps -a${labels.map((l) => ` --filter label=${l}`).join('')}`,
      },
    );
  }
  const picked = seededPick(running, pickCount(spec.pick, running.length), spec.seed ?? 0);
  return picked.map(({ id, label: l }) => ({ id, label: l }));
}

/** `label app=worker, name /^shop-/`: a selector as the user wrote it. */
export function describeSelector(selector: SelectionSpec['containers']): string {
  return Object.entries(selector)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}
