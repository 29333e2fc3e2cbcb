import { NodeName, SCRIPT_FRAGMENT } from '@loopline/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveCanonical } from './canonical.js';

function block(name: string, text: string): Y.XmlElement {
  const el = new Y.XmlElement(name);
  el.insert(0, [new Y.XmlText(text)]);
  return el;
}

describe('deriveCanonical', () => {
  it('[SY10] reads the script under the shared schema: ProseMirror JSON, scene count, runtime', () => {
    const doc = new Y.Doc();
    const scene = new Y.XmlElement(NodeName.scene);
    scene.setAttribute('sceneId', 's1');
    scene.insert(0, [block(NodeName.sceneHeading, '1-1 夜 内 客厅'), block(NodeName.dialogue, '一二三四五六七八九')]);
    doc.getXmlFragment(SCRIPT_FRAGMENT).insert(0, [scene]);
    const canonical = deriveCanonical('ep1', doc, 'zh', new Date('2025-01-01T00:00:00Z'));
    expect(canonical).toMatchObject({ episodeId: 'ep1', sceneCount: 1, updatedAt: '2025-01-01T00:00:00.000Z' });
    expect(canonical.runtimeSeconds).toBe(2);
    expect(JSON.stringify(canonical.doc)).toContain('一二三四五六七八九');
  });

  it('[SY10] never changes the live document, even where the schema rejects an element', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment(SCRIPT_FRAGMENT).insert(0, [block('notInTheSchema', 'kept')]);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const canonical = deriveCanonical('ep1', doc, 'en');
    expect(updates).toEqual([]);
    expect(doc.getXmlFragment(SCRIPT_FRAGMENT).toString()).toContain('kept');
    expect(canonical.sceneCount).toBe(0);
  });
});
