import { PluginKey } from 'prosemirror-state';
import type { EvidenceMarksState } from './evidence/plugin.js';
import type { AutocompleteState } from './plugins/autocomplete/plugin.js';
import type { RevisionModeState } from './revisionMode/plugin.js';

// Every ProseMirror plugin key of the editor lives here (STYLE.md habit 4), so a
// plugin's state can be read from anywhere without importing the plugin itself.
// y-prosemirror's own keys (ySyncPluginKey, yUndoPluginKey, yCursorPluginKey)
// are re-exported so callers have one place to look.
export { yCursorPluginKey, ySyncPluginKey, yUndoPluginKey } from 'y-prosemirror';

/** Scene numbers drawn in the margin. */
export const sceneNumbersKey = new PluginKey('loopline-scene-numbers');
/** Repairs duplicate or missing sceneIds after local edits. */
export const sceneIdsKey = new PluginKey('loopline-scene-ids');
/** Upper-cases English character cues as they are typed. */
export const cueCaseKey = new PluginKey('loopline-cue-case');
/** Turns ASCII punctuation into full-width punctuation in Chinese scripts. */
export const punctuationKey = new PluginKey('loopline-punctuation');
/** Character and location suggestions. */
export const autocompleteKey = new PluginKey<AutocompleteState>('loopline-autocomplete');
/** Placeholder text in empty blocks. */
export const placeholderKey = new PluginKey('loopline-placeholder');
/** Labels on markers and special blocks (hook, caption, flashback …). */
export const blockLabelsKey = new PluginKey('loopline-block-labels');
/** Revision mode: `*` marks on lines changed since a chosen revision (issue 5). */
export const revisionModeKey = new PluginKey<RevisionModeState>('loopline-revision-mode');
/** Evidence marks: linked spans highlighted, evidence counts on scene headings (issue 5). */
export const evidenceKey = new PluginKey<EvidenceMarksState>('loopline-evidence');
