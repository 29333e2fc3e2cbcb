import { BODY_TEXTBLOCKS, type CueExtension, MARKERS, type MarkerName, NodeName } from '@loopline/shared';
import type { EditorState } from 'prosemirror-state';
import { useTranslation } from 'react-i18next';
import { redoCommand, undoCommand } from 'y-prosemirror';
import type { Store } from '../collab/store.js';
import { insertMarker, insertScene, setActionKind, setCueExtension, setElement } from '../commands/index.js';
import { ELEMENT_SHORTCUTS } from '../keymap.js';
import { yUndoPluginKey } from '../keys.js';
import type { CommandRunner } from './commandRunner.js';
import { useStore } from './useStore.js';

/** Every element the selector offers, heading first. */
const ELEMENT_OPTIONS: readonly string[] = [NodeName.sceneHeading, ...BODY_TEXTBLOCKS];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const keysFor = (digit: string) => (isMac ? `⌘⌥${digit}` : `Ctrl+Alt+${digit}`);
const modKey = (key: string, shift = false) => (isMac ? `${shift ? '⇧' : ''}⌘${key}` : `Ctrl+${shift ? 'Shift+' : ''}${key}`);

// Selectors return primitives so the toolbar re-renders only when one changes.
const blockOf = (s: EditorState | null) => (s?.selection.$head.parent.isTextblock ? s.selection.$head.parent : null);
const elementOf = (s: EditorState | null) => blockOf(s)?.type.name ?? '';
const actionKindOf = (s: EditorState | null) => (blockOf(s)?.attrs.kind as string | undefined) ?? '';
const extensionOf = (s: EditorState | null) => (blockOf(s)?.attrs.extension as string | undefined) ?? '';
// The undo manager is read live: y-prosemirror fills its stack after the state update.
const canUndoOf = (s: EditorState | null) => !!s && !!yUndoPluginKey.getState(s)?.undoManager.canUndo();
const canRedoOf = (s: EditorState | null) => !!s && !!yUndoPluginKey.getState(s)?.undoManager.canRedo();

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  editorState: Store<EditorState | null>;
  runner: CommandRunner;
  readOnly: boolean;
}

/**
 * The element selector (showing the element under the cursor), undo/redo,
 * new scene, △/▲ action kinds, OS/VO cue extensions and the episode markers.
 */
export function Toolbar({ editorState, runner, readOnly }: ToolbarProps) {
  const { t } = useTranslation('editor');
  const element = useStore(editorState, elementOf);
  const actionKind = useStore(editorState, actionKindOf);
  const extension = useStore(editorState, extensionOf);
  const canUndo = useStore(editorState, canUndoOf);
  const canRedo = useStore(editorState, canRedoOf);
  const disabled = readOnly || element === '';
  const shortcut = new Map(ELEMENT_SHORTCUTS.map(([digit, el]) => [el, digit]));
  const label = (el: string) => t(`element.${el}`, { defaultValue: el });
  const withKeys = (text: string, keys: string) => t('toolbar.shortcut', { label: text, keys });
  const extensionButton = (ext: CueExtension) => (
    <button
      type="button"
      className="ed-tool"
      aria-pressed={extension === ext}
      disabled={disabled || element !== NodeName.character}
      onClick={() => runner.run(setCueExtension(ext))}
    >
      {ext}
    </button>
  );

  return (
    <div className="ed-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <label className="ed-element">
        <span className="ed-visually-hidden">{t('toolbar.element')}</span>
        <select
          data-testid="element-type"
          data-element={element}
          value={element}
          disabled={disabled}
          onChange={(e) => runner.run(setElement(e.target.value))}
        >
          {element === '' && <option value="">—</option>}
          {ELEMENT_OPTIONS.map((el) => {
            const digit = shortcut.get(el);
            return (
              <option key={el} value={el}>
                {digit ? `${label(el)}  ${keysFor(digit)}` : label(el)}
              </option>
            );
          })}
        </select>
      </label>
      <span className="ed-tool-group">
        <button type="button" className="ed-tool" disabled={readOnly || !canUndo} title={withKeys(t('toolbar.undo'), modKey('Z'))} onClick={() => runner.run(undoCommand)}>
          ↶ <span className="ed-tool-text">{t('toolbar.undo')}</span>
        </button>
        <button type="button" className="ed-tool" disabled={readOnly || !canRedo} title={withKeys(t('toolbar.redo'), modKey('Z', true))} onClick={() => runner.run(redoCommand)}>
          ↷ <span className="ed-tool-text">{t('toolbar.redo')}</span>
        </button>
      </span>
      <span className="ed-tool-group">
        <button type="button" className="ed-tool" disabled={readOnly} title={withKeys(t('toolbar.insertScene'), modKey('Enter'))} onClick={() => runner.run(insertScene)}>
          ＋ {t('toolbar.insertScene')}
        </button>
      </span>
      <span className="ed-tool-group">
        <button type="button" className="ed-tool" aria-pressed={element === NodeName.action && actionKind === 'environment'} disabled={disabled} title={t('toolbar.environment')} onClick={() => runner.run(setActionKind('environment'))}>
          △
        </button>
        <button type="button" className="ed-tool" aria-pressed={element === NodeName.action && actionKind === 'character'} disabled={disabled} title={t('toolbar.characterAction')} onClick={() => runner.run(setActionKind('character'))}>
          ▲
        </button>
      </span>
      <span className="ed-tool-group" title={t('toolbar.extension')}>
        {extensionButton('OS')}
        {extensionButton('VO')}
      </span>
      <span className="ed-tool-group" title={t('toolbar.markers')}>
        {MARKERS.map((m: MarkerName) => (
          <button key={m} type="button" className={`ed-tool ed-marker-tool ed-marker-${m}`} disabled={disabled} onClick={() => runner.run(insertMarker(m))}>
            {label(m)}
          </button>
        ))}
      </span>
    </div>
  );
}
