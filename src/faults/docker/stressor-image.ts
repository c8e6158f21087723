import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DockerPort, EngineInfo } from './docker-port.ts';
import { RunFailedError } from '../../errors/faultline-error.ts';
import { messageOf } from './docker-evidence.ts';
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
  docker: DockerPort,
  options: { image?: string | undefined; log?: (line: string) => void; engine?: EngineInfo } = {},
): Promise<string> {
  const fallback = await defaultStressorImage();
  const image = options.image ?? fallback;
  const inputs = await inputsFingerprint();
  const present = await docker.inspectImage(image);
  if (image !== fallback) {
    if (present) return image;
    throw new RunFailedError(
      'E_STRESSOR_IMAGE',
      `the stressor image ${image} is not present in the Docker engine at ${docker.endpoint}`,
      {
        hint: 'build or pull it on that engine first, or leave stressor-image unset so faultline builds its own',
      },
    );
  }
  if (present?.Labels[INPUTS_LABEL] === inputs) return image;
  const mismatch = platformMismatch(options.engine);
  if (mismatch !== undefined)
    throw new RunFailedError(
      'E_STRESSOR_IMAGE',
      `cannot build the stressor image ${image} for the engine at ${docker.endpoint}: ${mismatch}`,
      {
        hint: 'name an image built for that engine with stressor-image under its entry in engines:',
      },
    );
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

async function buildImage(docker: DockerPort, image: string, inputs: string): Promise<void> {
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
    await docker.buildImage(context, await listFiles(context), image, { [INPUTS_LABEL]: inputs });
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

const ENGINE_ARCH: Readonly<Record<string, string>> = {
  x86_64: 'x64',
  amd64: 'x64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armv7l: 'arm',
  s390x: 's390x',
  ppc64le: 'ppc64',
};

/**
 * Why the host's node binary cannot run on an engine (another OS or CPU architecture than the
 * host's), or undefined when it can or the engine did not say. The default image is built from
 * the host binary, so such an engine needs a configured stressor image.
 */
export function platformMismatch(
  engine: EngineInfo | undefined,
  host = { os: process.platform, arch: process.arch },
): string | undefined {
  if (engine === undefined) return undefined;
  if (engine.OSType !== undefined && engine.OSType !== 'linux')
    return `the engine runs ${engine.OSType} containers, not linux`;
  if (host.os !== 'linux') return `the host is ${host.os}, not linux`;
  const arch =
    engine.Architecture === undefined ? undefined : (ENGINE_ARCH[engine.Architecture] ?? engine.Architecture);
  if (arch !== undefined && arch !== host.arch)
    return `the engine is ${engine.Architecture}, the host node binary is ${host.arch}`;
  return undefined;
}
