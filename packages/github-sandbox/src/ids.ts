/**
 * Identifiers that look like GitHub's: numeric database ids from one counter per sandbox, and
 * GraphQL node ids such as `I_kwDO...`, `PR_kwDO...`, `PRRT_kwDO...`. A node id is derived from
 * its database id, so it is stable for the life of the record and can be decoded back.
 */
export type NodeKind =
  | 'R_kgDO' // repository
  | 'U_kgDO' // user
  | 'BOT_kgDO' // bot
  | 'LA_kwDO' // label
  | 'I_kwDO' // issue
  | 'PR_kwDO' // pull request
  | 'CS_kwDO' // check suite
  | 'IC_kwDO' // issue comment
  | 'PRR_kwDO' // pull request review
  | 'PRRC_kwDO' // review comment
  | 'PRRT_kwDO' // review thread
  | 'CR_kwDO' // check run (and job)
  | 'W_kwDO' // workflow
  | 'WFR_kwLO' // workflow run
  | 'REA_lADO' // reaction
  | 'LE_lADO' // timeline event (labeled, unlabeled, renamed)
  | 'MQ_kwDO' // merge queue
  | 'MQE_kwDO' // merge queue entry
  | 'AR_kwDO'; // workflow artifact

export function nodeId(kind: NodeKind, id: number): string {
  return `${kind}${Buffer.from(`sbx:${id}`).toString('base64url')}`;
}

/** The database id encoded in a sandbox node id, or undefined when it is not one of ours. */
export function decodeNodeId(value: string): { kind: string; id: number } | undefined {
  const m = /^([A-Z]+_[a-zA-Z]{4})([A-Za-z0-9_-]+)$/.exec(value);
  if (!m) return undefined;
  const decoded = Buffer.from(m[2]!, 'base64url').toString('utf8');
  const id = /^sbx:(\d+)$/.exec(decoded);
  return id ? { kind: m[1]!, id: Number(id[1]) } : undefined;
}

/** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
