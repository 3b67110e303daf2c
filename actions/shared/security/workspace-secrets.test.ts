import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommandTool } from '../agent/tools/command';
import { createWorkspace } from '../agent/tools/workspace';
import { testExecutor } from '../isolation/test-helpers';
import { createRedactor } from './redact';
import { readWorkspaceSecrets, valuesOf } from './workspace-secrets';

describe('workspace secrets', () => {
  let root: string;
  const write = (files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-secrets-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads the values of settings and key files, leaving plain words, numbers and templates alone', () => {
    expect(
      valuesOf(
        '# local\nexport DB_URL="postgres://app:s3cr3t-pw@db/app"\nNODE_ENV=development\nPORT=3000\nDEBUG=true\nSESSION=plain-value-no-token-shape\n',
      ),
    ).toEqual(['postgres://app:s3cr3t-pw@db/app', 'plain-value-no-token-shape']);
    expect(valuesOf('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n')).toEqual([
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
    ]);
    expect(valuesOf('//registry.npmjs.org/:_authToken=0123456789abcdef\n')).toEqual(['0123456789abcdef']);

    write({
      '.env': 'SESSION=plain-value-no-token-shape\n',
      'config/.env.production': 'DB_PASSWORD=hunter2-but-longer\n',
      '.env.example': 'SESSION=example-value-for-docs\n',
      'node_modules/pkg/.env': 'X=not-ours-to-read\n',
      'src/settings.txt': 'Y=ordinary-file-content\n',
    });
    expect(readWorkspaceSecrets(root).sort()).toEqual(['hunter2-but-longer', 'plain-value-no-token-shape']);
  });

  it('a command that prints .env shows the model its values redacted', async () => {
    write({
      '.env': 'SESSION=plain-value-no-token-shape\n',
      'print-env.js': "process.stdout.write(require('fs').readFileSync('.env', 'utf8'))\n",
    });
    const redactor = createRedactor([]);
    redactor.learn(readWorkspaceSecrets(root));
    const ws = createWorkspace(root, { protectedPaths: [] });
    const tool = runCommandTool(ws, {
      allowlist: ['node print-env.js'],
      executor: testExecutor(root),
      redactor,
      untrusted: (_source, text) => text,
    });
    const out = await tool.run({ command: 'node print-env.js' }, { signal: new AbortController().signal } as never);
    expect(String(out)).toContain('SESSION=[REDACTED:secret]');
    expect(String(out)).not.toContain('plain-value-no-token-shape');
  });
});
