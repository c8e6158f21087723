import { RunFailedError } from '../../errors/faultline-error.ts';
import type { ResolvedTarget } from '../fault-provider.ts';
import type { DockerPort } from './docker-port.ts';

/** The label that puts a container out of faultline's reach. */
export const PROTECTED_LABEL = 'faultline.protected';

/**
 * Refuses a container target that picked a container labelled `faultline.protected=true`: every
 * fault faultline injects into a container is destructive (it kills, stops, pauses, starves,
 * fills or cuts it off), so such a container is never a target. Thrown at resolve time, before
 * any load or fault. Returns the target unchanged otherwise.
 */
export async function refuseProtected(docker: DockerPort, target: ResolvedTarget): Promise<ResolvedTarget> {
  const protectedOnes: string[] = [];
  for (const member of target.members) {
    const info = await docker.container(member.id).inspect();
    if (info.Config.Labels?.[PROTECTED_LABEL] === 'true') protectedOnes.push(member.label);
  }
  if (protectedOnes.length > 0) {
    throw new RunFailedError(
      'E_TARGET_PROTECTED',
      `target ${target.name} picked ${protectedOnes.join(', ')}, labelled ${PROTECTED_LABEL}=true: faultline injects no fault into a protected container`,
      {
        hint: `pick other containers (narrow the selection), or remove the ${PROTECTED_LABEL} label if the container may be disturbed`,
      },
    );
  }
  return target;
}
