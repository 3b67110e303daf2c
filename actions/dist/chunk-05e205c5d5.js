import { createRequire as __factoryCreateRequire } from 'node:module';
const require = __factoryCreateRequire(import.meta.url);
import {
  RUN_RECORD_VERSION
} from "./chunk-21091bdd34.js";
import {
  external_exports
} from "./chunk-f1a3eba2ad.js";

// actions/shared/metrics/compute.ts
var NEEDS_HUMAN = "factory:needs-human";
var INCIDENT_LABELS = ["type:incident", "source:sentry"];
var OUTCOMES = ["success", "no-op", "partial", "failed", "skipped", "budget-stop"];
function aggregateRecords(records, into = []) {
  const byKey = /* @__PURE__ */ new Map();
  const add = (a) => {
    const key = `${a.day}\0${a.automation}\0${a.outcome}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...a });
    else {
      seen.runs += a.runs;
      seen.costUsd = round(seen.costUsd + a.costUsd, 6);
      seen.input += a.input;
      seen.cacheRead += a.cacheRead;
      seen.cacheWrite += a.cacheWrite;
    }
  };
  for (const a of into) add(a);
  for (const r of records) {
    add({
      day: dayOf(r.startedAt),
      automation: r.automation,
      outcome: r.outcome,
      runs: 1,
      costUsd: r.costUsd,
      input: r.usage.input,
      cacheRead: r.usage.cacheRead,
      cacheWrite: r.usage.cacheWrite
    });
  }
  return [...byKey.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || a.automation.localeCompare(b.automation) || a.outcome.localeCompare(b.outcome)
  );
}
var sum = (list, f) => list.reduce((s, a) => s + f(a), 0);
function dayOf(iso) {
  return new Date(iso).toISOString().slice(0, 10);
}
function daysOf(window) {
  const out = [];
  for (let t = Date.parse(`${window.from}T00:00:00Z`); t <= Date.parse(`${window.to}T00:00:00Z`); t += 864e5) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
function inWindow(iso, window) {
  if (!iso) return false;
  const day = dayOf(iso);
  return day >= window.from && day <= window.to;
}
function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p / 100 * sorted.length));
  return sorted[rank - 1];
}
function distribution(values) {
  return { count: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}
var hoursBetween = (from, to) => (Date.parse(to) - Date.parse(from)) / 36e5;
function isBotCommit(author, botLogins) {
  const bots = botLogins.map((b) => b.toLowerCase().replace(/\[bot\]$/, ""));
  const login = author.login?.toLowerCase().replace(/\[bot\]$/, "");
  if (login && bots.includes(login)) return true;
  if (author.login?.endsWith("[bot]")) return true;
  if (author.login) return false;
  return /\[bot\]/i.test(author.name) || /\[bot\]@/i.test(author.email);
}
function escalationReason(comments, botLogins) {
  const bots = botLogins.map((b) => b.toLowerCase().replace(/\[bot\]$/, ""));
  for (const c of [...comments].reverse()) {
    const author = c.author?.toLowerCase().replace(/\[bot\]$/, "");
    if (!author || !bots.includes(author)) continue;
    if (!/<!-- factory:[A-Za-z0-9._/-]+:needs-human[ >]/.test(c.body)) continue;
    const line = c.body.replace(/<!--[\s\S]*?-->/g, "").split("\n").map(
      (l) => l.replace(/^[#>*\s-]+/, "").replace(/[*_`]/g, "").trim()
    ).find((l) => l.length > 0);
    if (line) return line.length > 80 ? `${line.slice(0, 79)}\u2026` : line;
  }
  return "(no reason given)";
}
function gradeAt(entries, area, date) {
  const found = entries.filter((e) => e.area === area && e.date.slice(0, 10) <= date);
  return found.length ? found[found.length - 1].grade : null;
}
function computeMetrics(input) {
  const { window, botLogins } = input;
  const days = daysOf(window);
  const opened = input.pulls.filter((p) => inWindow(p.createdAt, window));
  const merged = input.pulls.filter((p) => inWindow(p.mergedAt, window));
  const records = input.runs.filter((r) => r.day >= window.from && r.day <= window.to);
  const dayRows = days.map((day) => ({
    day,
    opened: opened.filter((p) => dayOf(p.createdAt) === day).length,
    merged: merged.filter((p) => dayOf(p.mergedAt) === day).length,
    costUsd: round(
      sum(
        records.filter((r) => r.day === day),
        (r) => r.costUsd
      ),
      4
    ),
    runs: sum(
      records.filter((r) => r.day === day),
      (r) => r.runs
    )
  }));
  const withCommits = merged.filter((p) => p.commitAuthors.length > 0);
  const botOnly = withCommits.filter((p) => p.commitAuthors.every((a) => isBotCommit(a, botLogins)));
  const leadTimes = merged.flatMap((p) => {
    if (p.closingIssues.length === 0) return [];
    const first = p.closingIssues.map((i) => i.createdAt).sort()[0];
    return [hoursBetween(first, p.mergedAt)];
  });
  const firstReviews = opened.flatMap((p) => {
    const times = p.reviews.filter((r) => r.submittedAt && r.state !== "PENDING" && r.author !== p.author).map((r) => r.submittedAt).sort();
    return times.length ? [hoursBetween(p.createdAt, times[0])] : [];
  });
  const rounds = merged.map((p) => p.reviews.filter((r) => r.submittedAt && r.state !== "PENDING").length);
  const byRounds = ["0", "1", "2", "3+"].map((label) => ({
    rounds: label,
    count: rounds.filter((n) => label === "3+" ? n >= 3 : n === Number(label)).length
  }));
  const subjects = [
    ...opened.map((p) => ({ labels: p.labels, comments: p.lastComments })),
    ...input.issues.filter((i) => inWindow(i.createdAt, window)).map((i) => ({ labels: i.labels, comments: i.lastComments }))
  ];
  const escalated = subjects.filter((s) => s.labels.includes(NEEDS_HUMAN));
  const reasons = /* @__PURE__ */ new Map();
  for (const s of escalated) {
    const reason = escalationReason(s.comments, botLogins);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const byOutcome = OUTCOMES.map((outcome) => ({
    outcome,
    count: sum(
      records.filter((r) => r.outcome === outcome),
      (r) => r.runs
    )
  })).filter((o) => o.count > 0);
  const automations = [...new Set(records.map((r) => r.automation))].sort();
  const byAutomation = automations.map((automation) => {
    const mine = records.filter((r) => r.automation === automation);
    const outcomes = {};
    for (const r of mine) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + r.runs;
    return {
      automation,
      total: sum(mine, (r) => r.runs),
      outcomes,
      costUsd: round(
        sum(mine, (r) => r.costUsd),
        4
      )
    };
  });
  const totalUsd = sum(records, (r) => r.costUsd);
  const inputTokens = sum(records, (r) => r.input + r.cacheRead + r.cacheWrite);
  const cacheRead = sum(records, (r) => r.cacheRead);
  const incidents = input.issues.filter((i) => i.labels.some((l) => INCIDENT_LABELS.includes(l)));
  const qualityEntries = input.quality.filter((e) => e.date.slice(0, 10) <= window.to);
  const qualityDates = [...new Set(qualityEntries.map((e) => e.date.slice(0, 10)))].sort().slice(-6);
  const areas = [...new Set(qualityEntries.map((e) => e.area))].sort();
  return {
    window,
    days: dayRows,
    prsOpened: opened.length,
    prsMerged: merged.length,
    mergedWithoutHumanCommit: { count: botOnly.length, of: withCommits.length, share: ratio(botOnly.length, withCommits.length) },
    leadTimeHours: distribution(leadTimes),
    firstReviewHours: distribution(firstReviews),
    reviewRounds: { merged: merged.length, mean: rounds.length ? rounds.reduce((a, b) => a + b, 0) / rounds.length : null, byRounds },
    needsHuman: {
      count: escalated.length,
      of: subjects.length,
      share: ratio(escalated.length, subjects.length),
      reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).slice(0, 5)
    },
    runs: { total: sum(records, (r) => r.runs), byOutcome, byAutomation },
    cost: { totalUsd: round(totalUsd, 4), perMergedPrUsd: merged.length ? round(totalUsd / merged.length, 4) : null },
    cacheReadShare: ratio(cacheRead, inputTokens),
    incidents: {
      opened: incidents.filter((i) => inWindow(i.createdAt, window)).length,
      closed: incidents.filter((i) => inWindow(i.closedAt, window)).length
    },
    quality: {
      dates: qualityDates,
      areas: areas.map((area) => ({ area, grades: qualityDates.map((d) => gradeAt(qualityEntries, area, d)) }))
    }
  };
}
function ratio(a, b) {
  return b === 0 ? null : a / b;
}
function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// actions/shared/records-reader/parse.ts
var usage = external_exports.object({ input: external_exports.number(), output: external_exports.number(), cacheRead: external_exports.number(), cacheWrite: external_exports.number() });
var runRecordSchema = external_exports.looseObject({
  version: external_exports.literal(RUN_RECORD_VERSION),
  runId: external_exports.string().min(1),
  automation: external_exports.string().min(1),
  trigger: external_exports.looseObject({ event: external_exports.string(), action: external_exports.string().optional() }),
  actor: external_exports.string(),
  repo: external_exports.string(),
  subject: external_exports.object({ type: external_exports.enum(["issue", "pr"]), number: external_exports.number().int() }).optional(),
  startedAt: external_exports.iso.datetime({ offset: true }),
  finishedAt: external_exports.iso.datetime({ offset: true }),
  durationMs: external_exports.number().nonnegative(),
  model: external_exports.string(),
  turns: external_exports.number().int().nonnegative(),
  usage,
  costUsd: external_exports.number().nonnegative(),
  intents: external_exports.object({
    accepted: external_exports.array(external_exports.looseObject({ kind: external_exports.string() })),
    rejected: external_exports.array(external_exports.object({ kind: external_exports.string(), rule: external_exports.string(), reason: external_exports.string() }))
  }),
  applied: external_exports.array(external_exports.object({ kind: external_exports.string(), status: external_exports.string(), summary: external_exports.string(), detail: external_exports.string() })),
  toolRefusals: external_exports.array(external_exports.object({ tool: external_exports.string(), rule: external_exports.string(), message: external_exports.string() })),
  outcome: external_exports.enum(["success", "no-op", "partial", "failed", "skipped", "budget-stop"]),
  budgetStop: external_exports.object({ reason: external_exports.string(), limit: external_exports.number().optional(), used: external_exports.number().optional() }).optional()
});
function parseRunRecord(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = runRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `not a run record: ${issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid"}` };
  }
  return { ok: true, value: parsed.data };
}
function parseTranscript(text) {
  const events = [];
  let badLines = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line);
      if (value && typeof value === "object" && typeof value.type === "string") events.push(value);
      else badLines++;
    } catch {
      badLines++;
    }
  }
  return { events, badLines };
}
var RECORD_FILE = /(?:^|\/)([^/]+)\/([^/]+)-record\.json$/;
var TRANSCRIPT_FILE = /(?:^|\/)([^/]+)\/transcript\.jsonl$/;
function groupRunFiles(files) {
  const byFolder = /* @__PURE__ */ new Map();
  const folder = (name) => {
    let entry = byFolder.get(name);
    if (!entry) byFolder.set(name, entry = { folder: name, records: [] });
    return entry;
  };
  for (const [path, text] of files) {
    const record = RECORD_FILE.exec(path);
    if (record) folder(record[1]).records.push({ path, text });
    const transcript = TRANSCRIPT_FILE.exec(path);
    if (transcript) folder(transcript[1]).transcript = { path, text };
  }
  return [...byFolder.values()];
}

// actions/shared/records-reader/unzip.ts
import { crc32, inflateRawSync } from "node:zlib";
var ZipError = class extends Error {
  name = "ZipError";
};
var END_OF_DIRECTORY = 101010256;
var DIRECTORY_ENTRY = 33639248;
var LOCAL_HEADER = 67324752;
var MAX_ENTRY_BYTES = 50 * 1024 * 1024;
function unzip(archive, opts = {}) {
  const zip = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  const limit = opts.maxEntryBytes ?? MAX_ENTRY_BYTES;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError("not a ZIP archive (no end of central directory)");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = /* @__PURE__ */ new Map();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError(`central directory entry ${n} is malformed`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const packedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + nameLength + extraLength;
    if (name.endsWith("/")) continue;
    if (flags & 1) throw new ZipError(`${name}: encrypted entries are not supported`);
    if (size > limit) throw new ZipError(`${name}: ${size} bytes, more than the ${limit} allowed`);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`${name}: local header is malformed`);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataAt + packedSize > zip.length) throw new ZipError(`${name}: truncated`);
    const packed = zip.subarray(dataAt, dataAt + packedSize);
    let data;
    try {
      if (method === 0) data = Buffer.from(packed);
      else if (method === 8) data = inflateRawSync(packed, { maxOutputLength: limit });
      else throw new ZipError(`${name}: compression method ${method} is not supported`);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (data.length !== size || crc32(data) !== crc) throw new ZipError(`${name}: checksum mismatch`);
    files.set(name, data);
  }
  return files;
}

// actions/shared/records-reader/read.ts
var RUN_ARTIFACT = /^factory-[a-z0-9-]+-run-\d+-\d+$/;
var RUN_ARTIFACT_PREFIX = "factory-";
function recordsFromArchive(archive, source, opts = {}) {
  let files;
  try {
    files = unzip(archive);
  } catch (e) {
    return { records: [], skipped: [{ source, reason: `corrupt archive: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return recordsFromFiles(
    [...files].map(([path, data]) => [path, data.toString("utf8")]),
    source,
    opts
  );
}
function recordsFromFiles(files, source, opts = {}) {
  const records = [];
  const skipped = [];
  const runs = groupRunFiles(files);
  if (runs.every((r) => r.records.length === 0)) return { records, skipped: [{ source, reason: "no run record in it" }] };
  for (const run of runs) {
    const transcript = opts.transcripts && run.transcript ? parseTranscript(run.transcript.text).events : void 0;
    for (const file of run.records) {
      const parsed = parseRunRecord(file.text);
      if (!parsed.ok) skipped.push({ source: `${source}:${file.path}`, reason: parsed.reason });
      else records.push({ record: parsed.value, source, ...transcript ? { transcript } : {} });
    }
  }
  return { records, skipped };
}
async function readRunRecords(reader, opts) {
  const listed = await reader.listArtifacts({
    namePrefix: RUN_ARTIFACT_PREFIX,
    since: opts.since,
    ...opts.maxPages !== void 0 ? { maxPages: opts.maxPages } : {}
  });
  const max = opts.maxArtifacts ?? 200;
  const wanted = listed.items.filter(
    (a) => RUN_ARTIFACT.test(a.name) && !opts.skipIds?.has(a.id) && (opts.afterId === void 0 || a.id > opts.afterId)
  );
  const out = {
    records: [],
    lastId: Math.max(0, opts.afterId ?? 0, ...wanted.slice(0, max).map((a) => a.id)),
    skipped: [],
    artifacts: 0,
    truncated: listed.truncated || wanted.length > max,
    requests: listed.requests
  };
  for (const artifact of wanted.slice(0, max)) {
    if (artifact.expired) {
      out.skipped.push({ source: artifact.name, reason: "expired" });
      continue;
    }
    let archive;
    try {
      out.requests += 1;
      archive = await reader.downloadArtifact(artifact.id);
    } catch (e) {
      out.skipped.push({ source: artifact.name, reason: `download failed: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    out.artifacts += 1;
    const read = recordsFromArchive(archive, artifact.name, opts);
    out.records.push(...read.records);
    out.skipped.push(...read.skipped);
  }
  return out;
}

export {
  NEEDS_HUMAN,
  aggregateRecords,
  percentile,
  escalationReason,
  computeMetrics,
  readRunRecords
};
