/**
 * Output helpers shared by the tools: the two text filters every tool result goes through, and
 * bounded buffers so that a chatty command or a huge file cannot flood the model's context.
 */

/** Marks text from GitHub, files or commands as data (the one sanitizing path: security/sanitize). */
export type Untrusted = (source: string, text: string) => string;
/** Removes secrets from text: security/redact's createRedactor() fits this shape. */
export interface Redactor {
  redact(text: string): string;
}

/** Keeps the first `headBytes` and the last `tailBytes` of a byte stream. */
export class HeadTailBuffer {
  private head: Buffer[] = [];
  private headSize = 0;
  private tail: Buffer[] = [];
  private tailSize = 0;
  private total = 0;

  constructor(
    private readonly headBytes = 8 * 1024,
    private readonly tailBytes = 8 * 1024,
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headSize < this.headBytes) {
      const take = rest.subarray(0, this.headBytes - this.headSize);
      this.head.push(take);
      this.headSize += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailSize += rest.length;
    while (this.tailSize > this.tailBytes) {
      const first = this.tail[0] as Buffer;
      const excess = this.tailSize - this.tailBytes;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailSize -= first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailSize -= excess;
      }
    }
  }

  get totalBytes(): number {
    return this.total;
  }

  toString(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    const omitted = this.total - this.headSize - this.tailSize;
    if (omitted <= 0) return head + tail;
    return `${head}\n… ${omitted} bytes omitted …\n${tail}`;
  }
}

/** The text bounded to head and tail, as HeadTailBuffer would keep it. */
export function truncateMiddle(text: string, headBytes = 8 * 1024, tailBytes = 8 * 1024): string {
  const buffer = new HeadTailBuffer(headBytes, tailBytes);
  buffer.push(Buffer.from(text, 'utf8'));
  return buffer.toString();
}

/** The first `maxBytes` of the text, cut at a line end, with a note saying what was left out. */
export function truncateHead(text: string, maxBytes: number, hint: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  const lastNewline = cut.lastIndexOf('\n');
  if (lastNewline > maxBytes / 2) cut = cut.slice(0, lastNewline + 1);
  const omitted = bytes - Buffer.byteLength(cut, 'utf8');
  return `${cut}\n[truncated: ${omitted} more bytes; ${hint}]`;
}
