import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate } from '../../src/collab/protocol.js';
import { awarenessFrame, syncFrame } from '../collab/support/rawClient.js';
import { docState } from '../collab/support/wait.js';
import { SecureRawClient } from './support/client.js';
import { editOf, storedState } from './support/docs.js';
import { type MemberRole, type SecureApp, startSecureApp } from './support/secureApp.js';

let t: SecureApp;
beforeAll(async () => {
  t = await startSecureApp();
});
afterAll(async () => {
  await t.close();
});

function open(role: MemberRole): Promise<SecureRawClient> {
  return SecureRawClient.open(t.wsUrl, t.episodeId, { cookie: t.sessions[role].headers.cookie, origin: t.origin });
}

/** An awareness frame announcing one client's presence, as a provider sends it. */
function presence(clientID: number, name: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name, color: '#c33' } });
  const frame = awarenessFrame(encodeAwarenessUpdate(awareness, [clientID]));
  awareness.destroy();
  doc.destroy();
  return frame;
}

/** Every document update `client` was sent after frame index `from`. */
const updatesSeen = (client: SecureRawClient, from = 0) => client.frames.slice(from).filter((f) => f.kind === 'update');

describe('read-only connections', () => {
  it("[AC6][AC3] a reviewer's raw socket: its sync request is answered, its presence relayed, its updates never applied, relayed or stored", async () => {
    const writer = await open('writer');
    const reviewer = await open('reviewer');
    try {
      // The reviewer gets the server's step 1 and, asked, the whole document.
      await reviewer.next((f) => f.kind === 'step1');
      const seen = new Y.Doc();
      Y.applyUpdate(seen, await reviewer.requestState(seen));
      await writer.requestState(new Y.Doc());
      const room = t.app.collabRooms.get(t.episodeId)!;
      const before = docState(room.doc);
      expect(docState(seen)).toBe(before);
      const storedBefore = await storedState(t.storage, t.episodeId);
      const writerFrames = writer.frames.length;

      // Edits as a provider would send them (update, and a step 2 answering the server's step 1), and junk.
      const base = Y.encodeStateAsUpdate(room.doc);
      reviewer.send(syncFrame('update', editOf(base, '审片人不该改剧本')));
      reviewer.send(syncFrame('step2', editOf(base, '也不能这样改')));
      reviewer.send(syncFrame('update', new Uint8Array([255, 255, 255, 7])));
      // Presence is allowed: the writer sees the reviewer's.
      reviewer.send(presence(4242, '审片'));
      await writer.next(
        (f) => f.kind === 'awareness' && decodeAwarenessUpdate(f.payload).some((e) => e.clientId === 4242),
        writerFrames,
      );
      // Still answered after the edits; then everything it sent has been handled and any relay delivered.
      await reviewer.requestState(seen);
      await room.flush();

      expect(docState(room.doc)).toBe(before);
      expect(await storedState(t.storage, t.episodeId)).toBe(storedBefore);
      expect(updatesSeen(writer, writerFrames)).toEqual([]);
      expect(reviewer.open).toBe(true);
      const conn = [...room.connections].find((c) => c.readOnly)!;
      expect(conn.droppedUpdates).toBe(3);
    } finally {
      writer.close();
      reviewer.close();
    }
  });

  it('[AC3] operations is read-only as well; a writer edits, and the edit reaches the reviewer and storage', async () => {
    const operations = await open('operations');
    const writer = await open('writer');
    const reviewer = await open('reviewer');
    try {
      await Promise.all([operations, writer, reviewer].map((c) => c.requestState(new Y.Doc())));
      const room = t.app.collabRooms.get(t.episodeId)!;
      const before = docState(room.doc);
      operations.send(syncFrame('update', editOf(Y.encodeStateAsUpdate(room.doc), '运营')));
      await operations.requestState(new Y.Doc());
      await room.flush();
      expect(docState(room.doc)).toBe(before);

      const from = reviewer.frames.length;
      writer.send(syncFrame('update', editOf(Y.encodeStateAsUpdate(room.doc), '编剧改了这句')));
      await reviewer.next((f) => f.kind === 'update', from);
      await room.flush();
      expect(room.doc.getXmlFragment('script').toString()).toContain('编剧改了这句');
      expect(await storedState(t.storage, t.episodeId)).toBe(docState(room.doc));
    } finally {
      for (const c of [operations, writer, reviewer]) c.close();
    }
  });
});
