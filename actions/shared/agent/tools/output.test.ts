import { HeadTailBuffer, truncateHead, truncateMiddle } from './output';

describe('HeadTailBuffer', () => {
  it('keeps everything when it fits', () => {
    const b = new HeadTailBuffer(4, 4);
    b.push(Buffer.from('abc'));
    b.push(Buffer.from('def'));
    expect(b.toString()).toBe('abcdef');
    expect(b.totalBytes).toBe(6);
  });

  it('keeps head and tail across many small chunks and counts what it dropped', () => {
    const b = new HeadTailBuffer(3, 3);
    for (const c of 'abcdefghijklmnop') b.push(Buffer.from(c));
    expect(b.toString()).toBe('abc\n… 10 bytes omitted …\nnop');
  });

  it('splits one large chunk between head and tail', () => {
    expect(truncateMiddle('0123456789', 2, 3)).toBe('01\n… 5 bytes omitted …\n789');
  });
});

describe('truncateHead', () => {
  it('cuts at a line end and adds the hint', () => {
    const text = 'line one\nline two\nline three\n';
    expect(truncateHead(text, 100, 'hint')).toBe(text);
    expect(truncateHead(text, 20, 'read more')).toBe('line one\nline two\n\n[truncated: 11 more bytes; read more]');
  });
});
