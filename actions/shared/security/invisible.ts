/**
 * Characters a reader cannot see but a model reads: zero-width characters (which also split
 * tokens and keywords so filters miss them), bidirectional controls (which reorder what a
 * reviewer sees, "Trojan Source"), Unicode tag characters (which smuggle ASCII text invisibly),
 * and C0/C1 control characters other than tab, newline and carriage return.
 */
// The class lists invisible code points one by one on purpose; none combines with another here.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u200B-\u200F\u2060-\u2064\u2066-\u2069\u202A-\u202E\uFEFF\u00AD\u034F\u061C\u180E\uFFF9-\uFFFB\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\uDB40[\uDC00-\uDC7F]/g;

export function stripInvisible(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(INVISIBLE, () => {
    removed++;
    return '';
  });
  return { text: out, removed };
}
