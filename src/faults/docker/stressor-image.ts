import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type Dockerode from 'dockerode';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { isNotFound, messageOf } from './docker-evidence.ts';
import { STRESSOR_PROGRAM } from './stressor-program.ts';

const INPUTS_LABEL = 'faultline.inputs';

/** `faultline/stressor:<faultline version>`: the stressor image faultline builds by default. */
export async function defaultStressorImage(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return `faultline/stressor:${pkg.version ?? 'dev'}`;
}

/**
 * Makes sure the stressor image is there and returns its name. The default image is built from
 * host files when missing or stale (its `faultline.inputs` label fingerprints the program and
 * the node binary): FROM scratch, the running node binary, the libraries `ldd` lists, the loader
 * and the stressor program — no registry, no shell. Any other image must already be present.
 * Throws RunFailedError when it is missing or cannot be built (e.g. not on Linux).
 */
export async function ensureStressorImage(
  docker: Dockerode,
  options: { image?: string | undefined; log?: (line: string) => void } = {},
): Promise<string> {
  const fallback = await defaultStressorImage();
  const image = options.image ?? fallback;
  const inputs = await inputsFingerprint();
  const present = await docker
    .getImage(image)
    .inspect()
    .catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  if (image !== fallback) {
    if (present) return image;
    throw new RunFailedError(
      'E_STRESSOR_IMAGE',
      `the stressor image ${image} is not present in the Docker engine`,
      { hint: 'build or pull it first, or leave stressorImage unset so faultline builds its own' },
    );
  }
  if (present?.Config.Labels?.[INPUTS_LABEL] === inputs) return image;
  options.log?.(`building the stressor image ${image} from ${process.execPath}`);
  try {
    await buildImage(docker, image, inputs);
  } catch (error) {
    throw new RunFailedError(
      'E_STRESSOR_IMAGE',
      `could not build the stressor image ${image}: ${messageOf(error)}`,
      {
        hint: 'it is built from the host node binary and needs Linux on the same architecture as the engine; else pass a stressor image',
        cause: error,
      },
    );
  }
  return image;
}

async function inputsFingerprint(): Promise<string> {
  const node = await stat(process.execPath);
  return createHash('sha256')
    .update(`${STRESSOR_PROGRAM}\n${process.version}\n${node.size}\n${node.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
}

async function buildImage(docker: Dockerode, image: string, inputs: string): Promise<void> {
  if (process.platform !== 'linux') throw new Error(`the host is ${process.platform}, not linux`);
  const context = await mkdtemp(join(tmpdir(), 'faultline-stressor-'));
  try {
    const root = join(context, 'rootfs');
    await mkdir(join(root, 'tmp'), { recursive: true });
    await copyFile(process.execPath, join(root, 'node'));
    for (const lib of await sharedLibraries(process.execPath)) {
      await mkdir(dirname(join(root, lib)), { recursive: true });
      await copyFile(lib, join(root, lib));
    }
    await writeFile(join(root, 'stressor.mjs'), STRESSOR_PROGRAM);
    await writeFile(
      join(context, 'Dockerfile'),
      'FROM scratch\nCOPY rootfs/ /\nENTRYPOINT ["/node", "/stressor.mjs"]\n',
    );
    const stream = await docker.buildImage(
      { context, src: await listFiles(context) },
      { t: image, labels: { [INPUTS_LABEL]: inputs }, rm: true, forcerm: true },
    );
    const output = await new Promise<{ error?: string; errorDetail?: { message?: string } }[]>(
      (resolve, reject) =>
        docker.modem.followProgress(stream, (err, out) => (err ? reject(err) : resolve(out))),
    );
    const failure = output.find((o) => o.error !== undefined || o.errorDetail !== undefined);
    if (failure) throw new Error(failure.errorDetail?.message ?? failure.error ?? 'build failed');
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** The absolute paths of the shared libraries and loader `ldd` lists for a binary. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ldd', [binary]).catch(() => ({ stdout: '' }));
  return [...stdout.matchAll(/(?:=>\s+|^\s*)(\/\S+)/gm)].map((m) => m[1] ?? '').filter((p) => p !== '');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || (e.isDirectory() && e.name === 'tmp'))
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}
