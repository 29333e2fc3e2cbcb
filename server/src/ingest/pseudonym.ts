import { createHash, createHmac, type Hash, randomBytes } from 'node:crypto';

/** Handles compared as viewers see them: trimmed, width-folded (NFKC), lowercase, no leading @. */
export function normalizeHandle(handle: string): string {
  return handle.normalize('NFKC').trim().toLowerCase().replace(/^@+/, '');
}

/** A fresh per-series secret: 32 random bytes [IN17]. */
export function newSeriesSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * The keyed pseudonym of a viewer handle [IN17]: `v-` + base32 of the first 10
 * bytes of HMAC-SHA256(seriesSecret, normalized handle). Stable within a
 * series, unlinkable across series (different secrets). An empty handle
 * (export without authors) gives '' so unknown authors never merge into one
 * "viewer".
 */
export function pseudonymize(handle: string, seriesSecret: Uint8Array): string {
  const h = normalizeHandle(handle);
  if (h === '') return '';
  return `v-${base32(createHmac('sha256', seriesSecret).update(h).digest().subarray(0, 10))}`;
}

interface HmacState {
  inner: Hash;
  outer: Hash;
}

const hmacStates = new WeakMap<Uint8Array, HmacState>();

/** HMAC-SHA256 = H((K ^ opad) || H((K ^ ipad) || m)); the padded key is hashed once per secret. */
function hmacState(secret: Uint8Array): HmacState {
  let st = hmacStates.get(secret);
  if (!st) {
    const key = secret.length > 64 ? createHash('sha256').update(secret).digest() : Buffer.from(secret);
    const ipad = Buffer.alloc(64, 0x36);
    const opad = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < key.length; i++) {
      ipad[i]! ^= key[i]!;
      opad[i]! ^= key[i]!;
    }
    st = { inner: createHash('sha256').update(ipad), outer: createHash('sha256').update(opad) };
    hmacStates.set(secret, st);
  }
  return st;
}

function hmac(secret: Uint8Array, data: string): Buffer {
  const st = hmacState(secret);
  return st.outer.copy().update(st.inner.copy().update(data).digest()).digest();
}

/** HMAC-SHA256 of `data` keyed with `secret`, hex (equal to createHmac's, computed faster in bulk). */
export function keyedHash(secret: Uint8Array, data: string): string {
  return hmac(secret, data).toString('hex');
}

/**
 * A pseudonymizer for bulk imports: the same function as `pseudonymize`, with
 * the padded key hashed once and a bounded cache, because heavy commenters repeat.
 */
export function createPseudonymizer(seriesSecret: Uint8Array, cacheSize = 200_000): (handle: string) => string {
  const cache = new Map<string, string>();
  return (handle: string) => {
    const hit = cache.get(handle);
    if (hit !== undefined) return hit;
    const h = normalizeHandle(handle);
    const p = h === '' ? '' : `v-${base32(hmac(seriesSecret, h).subarray(0, 10))}`;
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(handle, p);
    return p;
  };
}
