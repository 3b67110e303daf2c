import { parseConfig } from '../config';
import { isConfigError } from '../errors';

function problems(text: string): string[] {
  try {
    parseConfig(text, '.github/factory.yml');
  } catch (e) {
    if (isConfigError(e)) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('execution config', () => {
  it('defaults to required isolation, no network, the npm registry for registry mode, and limits', () => {
    expect(parseConfig('', '.github/factory.yml').execution).toEqual({
      isolation: 'required',
      network: 'none',
      registries: ['registry.npmjs.org'],
      env: [],
      readPaths: [],
      memoryMb: 4096,
      maxProcesses: 4096,
    });
  });

  it('reads every field', () => {
    const text = [
      'execution:',
      '  isolation: best-effort',
      '  network: registry',
      '  registries: [registry.npmjs.org, "npm.internal.example:8443"]',
      '  env: [NODE_ENV, TZ]',
      '  readPaths: [/home/runner/.m2/repository]',
      '  memoryMb: 2048',
      '  maxProcesses: 256',
    ].join('\n');
    expect(parseConfig(text, '.github/factory.yml').execution).toEqual({
      isolation: 'best-effort',
      network: 'registry',
      registries: ['registry.npmjs.org', 'npm.internal.example:8443'],
      env: ['NODE_ENV', 'TZ'],
      readPaths: ['/home/runner/.m2/repository'],
      memoryMb: 2048,
      maxProcesses: 256,
    });
  });

  it('refuses a secret, a loader variable, a shallow folder, a URL as a registry and an unknown mode', () => {
    const text = [
      'execution:',
      '  isolation: off',
      '  network: all',
      '  registries: ["https://registry.npmjs.org"]',
      '  env: [NPM_TOKEN, LD_PRELOAD]',
      '  readPaths: [/home, relative/dir]',
    ].join('\n');
    expect(problems(text)).toEqual([
      'execution.isolation: expected one of required, best-effort, got "off"',
      'execution.network: expected one of none, registry, got "all"',
      'execution.registries[0]: expected a host or host:port, e.g. "registry.npmjs.org", got "https://registry.npmjs.org"',
      'execution.env[0]: NPM_TOKEN looks like it holds a secret; secrets never enter the sandbox',
      'execution.env[1]: LD_PRELOAD changes how programs load or connect; it is not passed',
      'execution.readPaths[0]: expected an absolute folder at least two levels deep, e.g. "/home/runner/.m2", got "/home"',
      'execution.readPaths[1]: expected an absolute folder at least two levels deep, e.g. "/home/runner/.m2", got "relative/dir"',
    ]);
  });
});
