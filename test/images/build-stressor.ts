// Builds (or confirms) the default stressor image, faultline/stressor:<version>, with the same
// code faultline uses at run time. Called by build.sh.
import { connectEngine } from '../../src/faults/docker/engine-connection.ts';
import { ensureStressorImage } from '../../src/faults/docker/stressor-image.ts';

const image = await ensureStressorImage(connectEngine('default', undefined), {
  log: (line) => console.log(line),
});
console.log(`${image} is ready`);
