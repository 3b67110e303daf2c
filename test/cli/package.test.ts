import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';

/** The package can be published and run without a clone: `npx software-factory ...`. */

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
};

describe('package.json', () => {
  it('is publishable, with one bin, `factory`, the bundle scripts/build.mjs writes', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ factory: 'scripts/dist/factory.mjs' });
    expect(readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8')).toContain(`['scripts/cli/factory.ts', 'factory.mjs']`);
  });

  it('ships the bundle and the files the CLI reads at run time (the factory workflows the sandbox runs), no sources', () => {
    const shipped = (path: string) => pkg.files.some((f) => picomatch(f.endsWith('/') ? `${f}**` : f, { dot: true })(path));
    expect(shipped('scripts/dist/factory.mjs')).toBe(true);
    expect(shipped('.github/workflows/factory-planner.yml')).toBe(true);
    expect(shipped('.github/workflows/ci.yml')).toBe(false);
    expect(shipped('schemas/factory.schema.json')).toBe(true);
    expect(shipped('scripts/cli/program.ts')).toBe(false);
    expect(shipped('actions/shared/errors.ts')).toBe(false);
  });
});
