import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createJsonlTranscript, readJsonlTranscript, type Redactor } from './transcript';

const redactor: Redactor = {
  redact: (t) => t.split('hunter2').join('***'),
  redactDeep: (v) => JSON.parse(JSON.stringify(v).split('hunter2').join('***')) as unknown,
};

describe('JsonlTranscript', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('appends one redacted JSON line per event, creating the folder', () => {
    const file = path.join(dir, 'runs', 'agent.jsonl');
    const sink = createJsonlTranscript(file, redactor);
    sink.write({
      type: 'tool_call',
      at: '2030-01-01T00:00:00.000Z',
      turn: 1,
      id: 'toolu_1',
      name: 'shell',
      input: { cmd: 'echo hunter2' },
      ok: true,
      output: 'hunter2',
    });
    sink.write({ type: 'end', at: '2030-01-01T00:00:01.000Z', outcome: 'completed', stopReason: 'end_turn' });
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain('hunter2');
    expect(raw.trim().split('\n')).toHaveLength(2);
    const events = readJsonlTranscript(file);
    expect(events[0]).toMatchObject({ type: 'tool_call', input: { cmd: 'echo ***' }, output: '***' });
    expect(events[1]).toMatchObject({ type: 'end', outcome: 'completed' });
  });
});
