// Builds (or confirms) the default stressor image, faultline/stressor:<version>, with the same
// code faultline uses at run time. Called by build.sh.
import Dockerode from 'dockerode';
import { ensureStressorImage } from '../../src/faults/docker/stressor-image.ts';

const image = await ensureStressorImage(new Dockerode(), { log: (line) => console.log(line) });
console.log(`${image} is ready`);
