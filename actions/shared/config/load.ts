import { readFileSync } from 'node:fs';
import { defaultConfig, parseConfig } from './parse';
import { DEFAULT_CONFIG_FILE, type FactoryConfig } from './schema';

/** Anything that can read a text file: returns undefined when the file does not exist. */
export interface ConfigReader {
  readFile(path: string): string | undefined;
}

/** Reads files from the local disk (a checkout). */
export const diskReader: ConfigReader = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  },
};

/**
 * Loads the config: `loadConfig('path/to/factory.yml')` reads from disk,
 * `loadConfig(reader, '.github/factory.yml')` reads through any ConfigReader.
 * A missing file yields the defaults; an invalid one throws ConfigError.
 */
export function loadConfig(source: string | ConfigReader = DEFAULT_CONFIG_FILE, file?: string): FactoryConfig {
  const reader = typeof source === 'string' ? diskReader : source;
  const path = typeof source === 'string' ? source : (file ?? DEFAULT_CONFIG_FILE);
  const text = reader.readFile(path);
  return text === undefined ? defaultConfig() : parseConfig(text, file ?? path);
}

/**
 * Loads the config through GitHub (the default branch when ref is omitted: config is never read
 * from a pull request's head). Accepts GitHubReader or anything with the same method.
 */
export async function loadConfigFromRepo(
  reader: { getFileContent(path: string, ref?: string): Promise<string | undefined> },
  options: { file?: string; ref?: string } = {},
): Promise<FactoryConfig> {
  const file = options.file ?? DEFAULT_CONFIG_FILE;
  const text = await reader.getFileContent(file, options.ref);
  return text === undefined ? defaultConfig() : parseConfig(text, file);
}
