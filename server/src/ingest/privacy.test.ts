import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importText } from './fixtures/harness.js';
import { privatizeFeedback } from './privacy.js';
import { createPseudonymizer, newSeriesSecret, pseudonymize } from './pseudonym.js';

const seriesA = Uint8Array.from({ length: 32 }, (_, i) => i);
const seriesB = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

describe('pseudonyms', () => {
  it('[IN17] stable within a series: same handle, same pseudonym, whatever the width, case, spaces or leading @', () => {
    const p = pseudonymize('Alice', seriesA);
    expect(p).toMatch(/^v-[a-z2-7]{16}$/);
    for (const variant of ['alice', '  ALICE ', '@alice', 'Ａｌｉｃｅ']) expect(pseudonymize(variant, seriesA)).toBe(p);
    expect(pseudonymize('alice2', seriesA)).not.toBe(p);
  });

  it('[IN17] unlinkable across series: the same viewer gets unrelated pseudonyms under different secrets', () => {
    const handles = Array.from({ length: 500 }, (_, i) => `viewer${i}`);
    const a = new Set(handles.map((h) => pseudonymize(h, seriesA)));
    const b = new Set(handles.map((h) => pseudonymize(h, seriesB)));
    expect(a.size).toBe(500);
    expect([...a].filter((x) => b.has(x))).toEqual([]);
  });

  it('[IN17] the pseudonym is the documented HMAC-SHA256 (an auditor can recompute it with the secret)', () => {
    const mac = createHmac('sha256', seriesA).update('alice').digest().subarray(0, 10);
    // base32 (RFC 4648, lowercase) of 10 bytes = 16 characters
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    let bits = '';
    for (const b of mac) bits += b.toString(2).padStart(8, '0');
    const expected = `v-${bits.match(/.{5}/g)!.map((x) => alphabet[Number.parseInt(x, 2)]).join('')}`;
    expect(pseudonymize('alice', seriesA)).toBe(expected);
  });

  it('[IN17] the bulk pseudonymizer gives the same pseudonyms; no handle gives no pseudonym', () => {
    const bulk = createPseudonymizer(seriesA, 2);
    for (const h of ['a', 'b', 'c', 'a', '@B', 'c']) expect(bulk(h)).toBe(pseudonymize(h, seriesA));
    expect(bulk('')).toBe('');
    expect(pseudonymize('  ', seriesA)).toBe('');
  });

  it('[IN17] series secrets are 32 random bytes', () => {
    const s1 = newSeriesSecret();
    expect(s1).toBeInstanceOf(Uint8Array);
    expect(s1.length).toBe(32);
    expect(Buffer.from(s1).equals(Buffer.from(newSeriesSecret()))).toBe(false);
  });
});

describe('privacy on ingest', () => {
  it('[IN20] a stored item carries redacted text and quote, the pseudonym and the kinds removed, never the handle', async () => {
    const csv = 'kind,text,quote,author,postedAt\nrepost,加我vx: abc_123,"原帖 电话13812345678",@RealName,2025-03-05T12:00:00Z\n';
    const { accepted } = await importText(csv, 'csv', { platform: 'douyin' });
    const stored = privatizeFeedback(accepted[0]!, (h) => pseudonymize(h, seriesA));
    expect(stored).toMatchObject({ text: '加我vx: ⟦wechat⟧', quote: '原帖 电话⟦phone⟧', author: pseudonymize('realname', seriesA), redactions: ['wechat', 'phone'] });
    expect(stored).not.toHaveProperty('authorHandle');
    expect(JSON.stringify(stored)).not.toMatch(/RealName|abc_123|13812345678/);
  });

  it('[IN16] the content hash is the same for the same row and keyed per series when a secret is given', async () => {
    const csv = 'text,author,postedAt\nhello,u1,2025-03-05T12:00:00Z\nhello,u2,2025-03-05T12:00:00Z\n';
    const plain = (await importText(csv, 'csv')).accepted;
    const again = (await importText(csv, 'csv')).accepted;
    expect(plain.map((a) => a.contentHash)).toEqual(again.map((a) => a.contentHash));
    expect(plain[0]!.contentHash).not.toBe(plain[1]!.contentHash);
    const keyedA = (await importText(csv, 'csv', { seriesSecret: seriesA })).accepted;
    const keyedB = (await importText(csv, 'csv', { seriesSecret: seriesB })).accepted;
    expect(keyedA[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedA[0]!.contentHash).not.toBe(plain[0]!.contentHash);
    expect(keyedA[0]!.contentHash).not.toBe(keyedB[0]!.contentHash);
    expect(keyedA[0]!.contentHash).toBe(createHmac('sha256', seriesA).update(JSON.stringify(['douyin', 'comment', 'ep-1', 'u1', '2025-03-05T12:00:00.000Z', 'hello', null, null])).digest('hex'));
  });
});
