import { SCRIPT_FRAGMENT } from '@loopline/shared';
import i18next from 'i18next';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { FakeServer, FakeSocket } from './collab/fakeSocket.js';
import { stateOf } from './commands/testDoc.js';
import { EpisodeWorkspace } from './EpisodeWorkspace.js';
import { editorLocales } from './locales.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
});

function i18nFor(lng: 'en' | 'zh') {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    lng,
    resources: { en: { editor: editorLocales.en }, zh: { editor: editorLocales.zh } },
    ns: ['editor'],
    defaultNS: 'editor',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const SCRIPT = ['# s1 夜 内 客厅', 'character: 林晚', 'dialogue: 请签收。', '# s2 日 外 街道', 'action[environment]: 车流。'];

async function mountWorkspace(opts: { readOnly?: boolean; lng?: 'en' | 'zh'; script?: string[] } = {}) {
  FakeSocket.instances = [];
  const server = new FakeServer();
  const script = opts.script ?? SCRIPT;
  if (script.length > 0) prosemirrorToYXmlFragment(stateOf(script).doc, server.doc.getXmlFragment(SCRIPT_FRAGMENT));
  container = document.createElement('div');
  document.body.appendChild(container);
  const el = container;
  await act(async () => {
    root = createRoot(el);
    root.render(
      <I18nextProvider i18n={i18nFor(opts.lng ?? 'en')}>
        <EpisodeWorkspace
          episodeId="ep-5"
          episodeNumber={5}
          language="zh"
          readOnly={opts.readOnly ?? false}
          user={{ name: 'Lin', color: '#cc3366' }}
          bible={{ characters: [{ name: '林晚', aliases: ['Lin Wan'] }], locations: [] }}
          sessionOptions={{
            wsBase: 'ws://test/collab',
            offlineStore: false,
            disableBc: true,
            WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
          }}
        />
      </I18nextProvider>,
    );
  });
  const socket = FakeSocket.last();
  await act(async () => {
    socket.open();
    server.greet(socket);
    await Promise.resolve();
    server.process(socket);
  });
  const q = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const qa = (id: string) => [...el.querySelectorAll(`[data-testid="${id}"]`)];
  return { server, socket, q, qa };
}

describe('EpisodeWorkspace', () => {
  it('[ED1] never seeds a document: with nothing on the server there is no editor and nothing is written', async () => {
    const { q, server } = await mountWorkspace({ script: [] });
    expect(q('editor')).toBeNull();
    expect(container?.textContent).toContain('This episode has no script yet.');
    expect(server.doc.getXmlFragment(SCRIPT_FRAGMENT).length).toBe(0);
  });

  it('[ED9] shows the synced script, its scenes with numbers and runtimes, presence and a connected badge', async () => {
    const { q, qa } = await mountWorkspace();
    expect(q('editor')?.getAttribute('contenteditable')).toBe('true');
    expect(q('editor')?.textContent).toContain('请签收。');
    expect(q('connection-status')?.getAttribute('data-status')).toBe('connected');
    expect(qa('scene-nav-item').map((li) => li.querySelector('.ed-nav-number')?.textContent)).toEqual(['5-1', '5-2']);
    expect(qa('scene-nav-item').map((li) => li.getAttribute('data-scene-id'))).toEqual(['s1', 's2']);
    expect(q('scene-navigator')?.textContent).toContain('Episode runtime');
    expect(q('presence-list')?.textContent).toBe('LLin (you)');
    expect(q('editor')?.querySelector('[data-scene-number]')?.getAttribute('data-scene-number')).toBe('5-1');
  });

  it('[ED9] clicking a scene in the navigator moves the cursor to its heading; the toolbar shows the element', async () => {
    const { q, qa } = await mountWorkspace();
    await act(async () => {
      qa('scene-nav-item')[1]!.querySelector('button')!.click();
    });
    expect((q('element-type') as HTMLSelectElement).value).toBe('sceneHeading');
    expect(qa('scene-nav-item')[1]?.hasAttribute('data-current')).toBe(true);
  });

  it('[ED20] a dropped connection shows reconnecting', async () => {
    const { q, socket } = await mountWorkspace();
    await act(async () => socket.drop(1006));
    expect(q('connection-status')?.getAttribute('data-status')).toBe('reconnecting');
  });

  it('[ED26] read-only: the script is not editable and the element selector is disabled', async () => {
    const { q } = await mountWorkspace({ readOnly: true, lng: 'zh' });
    expect(q('editor')?.getAttribute('contenteditable')).toBe('false');
    expect((q('element-type') as HTMLSelectElement).disabled).toBe(true);
    expect(q('connection-status')?.textContent).toContain('已连接');
  });
});
