/**
 * Product specs (`specs/*.md`): one file per area. A requirement is one list item that starts
 * with a bold id and an RFC 2119 keyword, e.g. `- **CHK-001** MUST reject a discount over 100%.`
 * Everything else in the file (what the area does, its triggers, its rules) is prose for people
 * and agents; only requirement lines are graded.
 */

export const LEVELS = ['MUST NOT', 'MUST', 'SHOULD NOT', 'SHOULD', 'MAY'] as const;
export type Level = (typeof LEVELS)[number];

export interface Requirement {
  /** e.g. `CHK-001`: unique across every spec. */
  id: string;
  level: Level;
  /** The statement after the keyword. */
  text: string;
  /** 1-based line in the spec file. */
  line: number;
}

export interface SpecArea {
  /** The file's name without `.md`, e.g. `checkout`. */
  id: string;
  /** Repository path, e.g. `specs/checkout.md`. */
  path: string;
  /** The first `# ` heading, else the id. */
  title: string;
  requirements: Requirement[];
}

export interface SpecProblem {
  path: string;
  line: number;
  message: string;
}

const REQUIREMENT = /^\s*[-*]\s+\*\*([A-Z][A-Z0-9]*-\d{1,4})\*\*\s+(MUST NOT|MUST|SHOULD NOT|SHOULD|MAY)\b\s*(.*)$/;
/** A list item that looks like a requirement but is not in the format: reported, so it is not silently ungraded. */
const LOOKS_LIKE = /^\s*[-*]\s+\*\*[A-Za-z][A-Za-z0-9]*-\d+\*\*/;

/** Whether a requirement counts towards the letter (MUST and MUST NOT do; SHOULD and MAY are reported only). */
export function isMandatory(level: Level): boolean {
  return level === 'MUST' || level === 'MUST NOT';
}

export function areaIdOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.md$/i, '');
}

export function parseSpec(path: string, text: string): { area: SpecArea; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const requirements: Requirement[] = [];
  let title: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (title === undefined) {
      const h = /^#\s+(.+?)\s*#*\s*$/.exec(raw);
      if (h) title = h[1]!;
    }
    const m = REQUIREMENT.exec(raw);
    if (m) {
      const statement = m[3]!.trim();
      if (!statement) problems.push({ path, line, message: `${m[1]} has no statement after ${m[2]}` });
      else requirements.push({ id: m[1]!, level: m[2] as Level, text: statement, line });
      return;
    }
    if (LOOKS_LIKE.test(raw)) {
      problems.push({ path, line, message: 'a requirement line needs an upper-case id (e.g. CHK-001) followed by MUST, SHOULD or MAY' });
    }
  });
  const seen = new Set<string>();
  for (const r of requirements) {
    if (seen.has(r.id)) problems.push({ path, line: r.line, message: `${r.id} is defined twice` });
    seen.add(r.id);
  }
  const id = areaIdOf(path);
  return {
    area: { id, path, title: title ?? id, requirements: requirements.filter((r, i) => requirements.findIndex((o) => o.id === r.id) === i) },
    problems,
  };
}

/** Every spec file, parsed; an id defined in two files is a problem, and its second definition is dropped. */
export function parseSpecs(files: readonly { path: string; text: string }[]): { areas: SpecArea[]; problems: SpecProblem[] } {
  const areas: SpecArea[] = [];
  const problems: SpecProblem[] = [];
  const owner = new Map<string, string>();
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parseSpec(f.path, f.text);
    problems.push(...parsed.problems);
    const kept = parsed.area.requirements.filter((r) => {
      const first = owner.get(r.id);
      if (first) {
        problems.push({ path: f.path, line: r.line, message: `${r.id} is already defined in ${first}` });
        return false;
      }
      owner.set(r.id, f.path);
      return true;
    });
    areas.push({ ...parsed.area, requirements: kept });
  }
  return { areas, problems };
}
