import type { EvidenceLink } from '@loopline/shared';
import { SCRIPT_FRAGMENT } from '@loopline/shared';
import { blockTexts, createSpanAnchor, plainText, scenesById, sceneTextElements } from '@loopline/shared/collab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { Room } from '../../src/collab/room.js';
import { waitForDocs } from '../collab/support/wait.js';
import { connectProvider } from '../collab-security/support/client.js';
import { type EvidenceWorld, HEADINGS, makeEvidenceWorld } from './support.js';

let w: EvidenceWorld;
let client: ReturnType<typeof connectProvider>;
let room: Room;

beforeAll(async () => {
  w = await makeEvidenceWorld();
  client = connectProvider(w.wsUrl, w.episodeId, { cookie: w.sessions.writer.headers.cookie, origin: w.origin });
  await new Promise<void>((resolve) => {
    if (client.provider.synced) resolve();
    client.provider.on('sync', (synced: boolean) => synced && resolve());
  });
  room = w.app.collabRooms.get(w.episodeId)!;
});
afterAll(async () => {
  client.destroy();
  await w.close();
});

/** The text of the first body line of a scene in the client's document. */
function line(sceneId: string): Y.XmlText {
  const scene = scenesById(client.doc).get(sceneId);
  if (!scene) throw new Error(`no scene ${sceneId}`);
  return blockTexts(sceneTextElements(scene)[1]!)[0]!;
}

/** Resolves once the room has every change the client made, and has saved its canonical snapshot (and so link states). */
async function roomCaughtUp(): Promise<void> {
  // Content, not state vectors: a deletion does not advance the state vector.
  const script = (doc: Y.Doc) => doc.getXmlFragment(SCRIPT_FRAGMENT).toString();
  const target = script(client.doc);
  await waitForDocs([room.doc], () => script(room.doc) === target, 'the room to receive the edit');
  await room.flush();
}

async function link(id: string): Promise<EvidenceLink> {
  const res = await w.as('reviewer', `/api/links/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as EvidenceLink;
}

function span(sceneId: string, quote: string) {
  const text = plainText(line(sceneId));
  const from = text.indexOf(quote);
  const anchor = createSpanAnchor(client.doc, { sceneId, blockIndex: 1, from, to: from + quote.length })!;
  return { blockIndex: anchor.blockIndex, start: anchor.start, end: anchor.end, quote: anchor.quote };
}

async function create(payload: Record<string, unknown>): Promise<EvidenceLink> {
  const res = await w.as('writer', {
    method: 'POST',
    url: `/api/episodes/${w.episodeId}/links`,
    payload: { rationale: '', stance: 'motivates', weight: 1, itemIds: [w.items.v0], ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as EvidenceLink;
}

describe('link states follow the live script', () => {
  it('[LK5] a span link becomes drifted when its quote is edited, scene-only when it is deleted, orphaned with its scene — and stays listed with its quote and old heading', async () => {
    const spanLink = await create({ sceneId: 's2', span: span('s2', '双胞胎的照片') });
    const sceneLink = await create({ sceneId: 's2' });
    const other = await create({ sceneId: 's1', span: span('s1', '合同') });
    expect([spanLink.state, sceneLink.state, other.state]).toEqual(['anchored', 'anchored', 'anchored']);

    // A writer edits inside the quote through a real sync client.
    const text = line('s2');
    const at = plainText(text).indexOf('的照片');
    client.doc.transact(() => {
      text.delete(at, 1);
      text.insert(at, '之');
    });
    await roomCaughtUp();
    expect((await link(spanLink.id)).state).toBe('drifted');
    expect((await link(sceneLink.id)).state).toBe('anchored');
    expect((await link(other.id)).state).toBe('anchored');

    // The quoted text is deleted; the scene lives.
    const start = plainText(text).indexOf('双胞胎之照片');
    text.delete(start, '双胞胎之照片'.length);
    await roomCaughtUp();
    expect((await link(spanLink.id)).state).toBe('scene-only');
    expect((await link(sceneLink.id)).state).toBe('anchored');

    // The scene is deleted.
    const fragment = client.doc.getXmlFragment(SCRIPT_FRAGMENT);
    const index = fragment.toArray().indexOf(scenesById(client.doc).get('s2')!);
    fragment.delete(index, 1);
    await roomCaughtUp();
    const listed = ((await w.as('reviewer', `/api/episodes/${w.episodeId}/links?sceneId=s2`)).json() as { links: EvidenceLink[] }).links;
    expect(listed.map((l) => [l.id, l.state])).toEqual([
      [spanLink.id, 'orphaned'],
      [sceneLink.id, 'orphaned'],
    ]);
    expect(listed[0]!.anchor).toMatchObject({ kind: 'span', quote: '双胞胎的照片', heading: HEADINGS.s2 });
    expect(listed[1]!.anchor).toMatchObject({ kind: 'scene', heading: HEADINGS.s2 });
    expect((await link(other.id)).state).toBe('anchored');
    const orphaned = ((await w.as('reviewer', `/api/episodes/${w.episodeId}/links?state=orphaned`)).json() as { links: EvidenceLink[] }).links;
    expect(orphaned.map((l) => l.id).sort()).toEqual([spanLink.id, sceneLink.id].sort());
  });

  it('[LK2] a span of text just typed is linked even when the link reaches the server before the keystrokes', async () => {
    const text = line('s3');
    text.insert(text.length, '她终于回头了。');
    // No waiting for the room: the request may well arrive first, and the server waits for the text it quotes.
    const made = await create({ sceneId: 's3', span: span('s3', '她终于回头了') });
    expect(made.anchor).toMatchObject({ kind: 'span', quote: '她终于回头了', heading: HEADINGS.s3 });
    expect(made.state).toBe('anchored');
    await roomCaughtUp();
    expect((await link(made.id)).state).toBe('anchored');
  });
});
