import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectFormat } from './detect.js';
import { detectEncoding } from './encoding.js';
import { UnusableFileError } from './errors.js';
import { importText } from './fixtures/harness.js';
import { readRowsFrom } from './rows.js';

const GBK_CSV = '评论ID,评论内容,用户ID,点赞数,发布时间,IP属地\r\n1,请签收！双胞胎呢,u1,3,2025-03-05 20:01:00,广东\r\n2,"多行\r\n弹幕",u2,0,2025-03-05 20:02:00,北京\r\n';

describe('encoding', () => {
  it('[IN2] a UTF-8 BOM, valid UTF-8 or pure ASCII is UTF-8; GBK and GB18030 bytes are gb18030', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('评论,likes\n'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('id,text\n1,hello\n'))).toBe('utf-8');
    expect(detectEncoding(iconv.encode(GBK_CSV, 'gbk'))).toBe('gb18030');
    expect(detectEncoding(iconv.encode('😀评论', 'gb18030'))).toBe('gb18030');
  });

  it('[IN2] a UTF-8 character cut at the end of the head does not make the head look like GBK', () => {
    const bytes = Buffer.from('评论内容');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2))).toBe('utf-8');
  });

  it('[IN2] a GBK-encoded CSV imports with the same rows as its UTF-8 twin', async () => {
    const gbk = await importText(iconv.encode(GBK_CSV, 'gbk'), 'csv');
    const utf8 = await importText(Buffer.from(GBK_CSV), 'csv');
    expect(gbk.errors).toEqual([]);
    expect(gbk.accepted.map((a) => a.text)).toEqual(['请签收！双胞胎呢', '多行\n弹幕']);
    expect(gbk.accepted).toEqual(utf8.accepted);
  });

  it('[IN2] an ASCII head longer than 64 KiB followed by GBK rows is still detected as GB18030', async () => {
    const ascii = `id,text,author,postedAt\n${Array.from({ length: 3000 }, (_, i) => `${i},hello there friends,a${i},2025-03-05T12:00:00Z`).join('\n')}\n`;
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode('9999,请签收,b,2025-03-05T12:00:00Z\n', 'gbk')]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const result = await importText(bytes, 'csv', { platform: 'tiktok' });
    expect(result.errors).toEqual([]);
    expect(result.accepted.at(-1)!.text).toBe('请签收');
  });

  it('[IN4] undecodable bytes in a UTF-8 file reject the row that holds them, naming the column', async () => {
    const bytes = Buffer.concat([Buffer.from('评论ID,评论内容,用户ID,点赞数,发布时间,IP属地\n1,好,u1,1,2025-03-05 20:00:00,广东\n2,'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(',u2,1,2025-03-05 20:00:00,广东\n')]);
    const result = await importText(bytes, 'csv');
    expect(result.accepted.map((a) => a.externalId)).toEqual(['1']);
    expect(result.errors).toEqual([{ line: 3, column: '评论内容', reason: expect.stringContaining('undecodable') }]);
  });

  it('[IN3] Excel, gzip and UTF-16 files are refused as a whole with a reason the user can act on', async () => {
    const cases: [number[], string][] = [
      [[0x50, 0x4b, 0x03, 0x04, 0x14], 'excel'],
      [[0xd0, 0xcf, 0x11, 0xe0, 0xa1], 'excel'],
      [[0x1f, 0x8b, 0x08, 0x00], 'archive'],
      [[0xff, 0xfe, 0x61, 0x00], 'utf16'],
    ];
    for (const [bytes, reason] of cases) {
      const rows = readRowsFrom(Uint8Array.from(bytes), { format: 'csv' });
      await expect(rows.next()).rejects.toMatchObject({ name: 'UnusableFileError', reason });
    }
    await expect(readRowsFrom('', { format: 'csv' }).next()).rejects.toBeInstanceOf(UnusableFileError);
    await expect(readRowsFrom('"just a header', { format: 'csv' }).next()).rejects.toBeInstanceOf(UnusableFileError);
    await expect(readRowsFrom('hello', { format: 'json' }).next()).rejects.toMatchObject({ reason: 'not-json' });
  });
});

describe('format and delimiter', () => {
  it('[IN1] content decides the format; the extension only settles JSON vs NDJSON', () => {
    expect(detectFormat('<?xml version="1.0"?><i>')).toBe('danmaku-xml');
    expect(detectFormat('\uFEFF  [{"a":1}]')).toBe('json');
    expect(detectFormat('{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(detectFormat('{"items":[{"a":1}]}', 'export.json')).toBe('json');
    expect(detectFormat('{"a":1,\n"b":2}', 'x.json')).toBe('json');
    expect(detectFormat('{"a":1}', 'x.jsonl')).toBe('ndjson');
    expect(detectFormat('评论ID,评论内容\n1,好')).toBe('csv');
    expect(detectFormat('', 'danmaku.xml')).toBe('danmaku-xml');
  });

  it('[IN1] the delimiter is the one with a steady count per line, quotes ignored', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;"x,y,z";3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('评论ID\t评论内容\t点赞数\n1\t好，很好, 真的\t3\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    expect(detectDelimiter('text\nhello\n')).toBe(',');
  });

  it('[IN1] semicolon and tab files read with the detected delimiter', async () => {
    const semi = await importText('externalId;text;author;postedAt\nx1;"a; b";u;2025-03-05T12:00:00Z\n', 'csv', { platform: 'tiktok' });
    expect(semi.accepted.map((a) => a.text)).toEqual(['a; b']);
    const tab = await importText('externalId\ttext\tauthor\tpostedAt\nx1\thello, world\tu\t2025-03-05T12:00:00Z\n', 'csv', { platform: 'tiktok' });
    expect(tab.accepted.map((a) => a.text)).toEqual(['hello, world']);
  });
});
