import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assertUpdate, MalformedMessageError } from './protocol.js';
import { jsonDepth, scanUpdate, UpdateRefusedError } from './updateScan.js';

const LIMITS = { maxItems: 250_000, maxDepth: 64 };

/** An update of `n` one-clock GC structs: 2 bytes each, the cheapest struct to send. */
function gcUpdate(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, n);
  encoding.writeVarUint(e, 5);
  encoding.writeVarUint(e, 0);
  for (let i = 0; i < n; i++) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, 1);
  }
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/** Updates of every content kind Loopline's editor and Yjs' types produce. */
function sampleUpdates(seed: number): Uint8Array[] {
  const gen = prng.create(seed);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const xml = doc.getXmlFragment('script');
  const scene = new Y.XmlElement('scene');
  scene.setAttribute('sceneId', 'a1');
  const text = new Y.XmlText('第一场');
  scene.insert(0, [text]);
  xml.insert(0, [scene]);
  text.format(0, 2, { strong: true, em: { nested: [1, 2, { deep: null }] } });
  doc.getMap('m').set('k', { a: [1, 2.5, 'x', true, null, new Uint8Array([1, 2])], b: 2n ** 40n });
  doc.getArray('a').insert(0, [1, 'two', { three: 3 }]);
  doc.getText('t').insertEmbed(0, { image: 'x.png' });
  for (let i = 0; i < 50; i++) {
    text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 5));
    if (text.length > 3 && prng.bool(gen)) text.delete(prng.int32(gen, 0, text.length - 2), 1);
  }
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

describe('update pre-scan', () => {
  it('[AC27] counts what Yjs decodes, for every content kind', () => {
    for (const update of sampleUpdates(7)) {
      const decoded = Y.decodeUpdate(update);
      const scan = scanUpdate(update, LIMITS);
      expect(scan.structs).toBe(decoded.structs.length);
      let ranges = 0;
      for (const list of decoded.ds.clients.values()) ranges += list.length;
      expect(scan.deleteRanges).toBe(ranges);
    }
  });

  it('[AC27] refuses an update with more structs than the cap before Yjs materializes them', () => {
    const update = gcUpdate(300_000);
    expect(() => scanUpdate(update, LIMITS)).toThrow(UpdateRefusedError);
    const started = performance.now();
    expect(() => assertUpdate(update)).toThrow(MalformedMessageError);
    // Yjs alone needs ~200 ms and ~60 MB for this; the scan stops at the cap.
    expect(performance.now() - started).toBeLessThan(100);
    expect(scanUpdate(gcUpdate(1000), LIMITS).structs).toBe(1000);
  });

  it('[AC27] refuses a declared count it cannot hold and values nested past the depth cap', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 2 ** 40); // declared structs
    expect(() => scanUpdate(encoding.toUint8Array(e), LIMITS)).toThrow(/too large/);

    const deep = new Y.Doc();
    let value: unknown = 1;
    for (let i = 0; i < 100; i++) value = [value];
    deep.getMap('m').set('k', value);
    expect(() => scanUpdate(Y.encodeStateAsUpdate(deep), LIMITS)).toThrow(/nested deeper/);

    const format = new Y.Doc();
    let attr: unknown = 1;
    for (let i = 0; i < 100; i++) attr = { a: attr };
    format.getText('t').insert(0, 'x', { bold: attr });
    expect(() => scanUpdate(Y.encodeStateAsUpdate(format), LIMITS)).toThrow(/nested deeper/);
  });

  it('[AC27] refuses subdocuments and unknown content', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('sub', new Y.Doc());
    expect(() => scanUpdate(Y.encodeStateAsUpdate(doc), LIMITS)).toThrow(/subdocuments/);
    const bad = Y.encodeStateAsUpdate(sampleDoc());
    // With client id 1 the first info byte follows [groups, structs, client, clock]; make it content kind 12.
    expect(Array.from(bad.slice(0, 4))).toEqual([1, 1, 1, 0]);
    const copy = bad.slice();
    copy[4] = (copy[4]! & 0xe0) | 12;
    expect(() => scanUpdate(copy, LIMITS)).toThrow(UpdateRefusedError);
  });

  it('[AC27] random bytes and truncations never escape as anything but UpdateRefusedError, and stay linear', () => {
    const gen = prng.create(20260301);
    const valid = sampleUpdates(3);
    for (let i = 0; i < 5000; i++) {
      const source = prng.oneOf(gen, valid);
      const bytes = prng.bool(gen) ? source.slice(0, prng.int32(gen, 0, source.length)) : prng.uint8Array(gen, prng.int32(gen, 0, 64));
      try {
        scanUpdate(bytes, LIMITS);
      } catch (err) {
        expect(err).toBeInstanceOf(UpdateRefusedError);
      }
    }
  });

  it('jsonDepth ignores brackets inside strings', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(jsonDepth(bytes('{"a":[1,{"b":"[[[["}]}'))).toBe(3);
    expect(jsonDepth(bytes('"\\"[["'))).toBe(0);
    expect(jsonDepth(bytes('[]'))).toBe(1);
  });
});

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getText('t').insert(0, 'abc');
  return doc;
}
