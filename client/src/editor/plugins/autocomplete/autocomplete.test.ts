import { describe, expect, it } from 'vitest';
import { render, stateOf } from '../../commands/testDoc.js';
import { autocompleteKey } from '../../keys.js';
import { mergeCandidates, suggest } from './match.js';
import { acceptSuggestion, autocompletePlugin } from './plugin.js';
import { queryAt } from './query.js';

const bible = [
  { name: '林晚', aliases: ['Lin Wan', '晚晚'] },
  { name: '顾承泽', aliases: ['Gu Chengze', '顾总'] },
  { name: '林小满', aliases: [] },
];

describe('autocomplete matching', () => {
  it('[ED25] ranks name prefixes, then alias prefixes, then substrings', () => {
    expect(suggest('林', bible).map((s) => s.name)).toEqual(['林晚', '林小满']);
    expect(suggest('顾', bible)).toEqual([{ name: '顾承泽', insert: '顾承泽' }]);
    expect(suggest('gu', bible)).toEqual([{ name: '顾承泽', insert: 'Gu Chengze' }]);
    expect(suggest('晚', bible).map((s) => s.insert)).toEqual(['晚晚']);
    expect(suggest('wan', bible).map((s) => s.insert)).toEqual(['Lin Wan']);
  });

  it('[ED25] is case- and width-insensitive, and silent for empty or finished queries', () => {
    expect(suggest('LIN W', bible).map((s) => s.name)).toEqual(['林晚']);
    expect(suggest('ｌｉｎ', bible).map((s) => s.name)).toEqual(['林晚']);
    expect(suggest('  ', bible)).toEqual([]);
    expect(suggest('林晚', bible)).toEqual([]);
  });

  it('[ED25] merges script names after the bible without repeating bible names or aliases', () => {
    const merged = mergeCandidates(bible, ['林晚', 'LIN WAN', '王妈']);
    expect(merged.map((c) => c.name)).toEqual(['林晚', '顾承泽', '林小满', '王妈']);
  });
});

describe('autocomplete query', () => {
  it('[ED25] a cue being typed is a character query', () => {
    expect(queryAt(stateOf(['# s1 1-1', 'character: 林|']))).toMatchObject({ kind: 'character', query: '林' });
    expect(queryAt(stateOf(['# s1 1-1', 'character: 林|晚']))).toBeNull();
    expect(queryAt(stateOf(['# s1 1-1', 'dialogue: 林|']))).toBeNull();
  });

  it('[ED25] the location being typed in a heading is a location query, not the time after it', () => {
    expect(queryAt(stateOf(['# s1 1-1 夜 内 客|']))).toMatchObject({ kind: 'location', query: '客' });
    expect(queryAt(stateOf(['# s1 INT. KIT|']))).toMatchObject({ kind: 'location', query: 'KIT' });
    expect(queryAt(stateOf(['# s1 INT. KITCHEN - NI|']))).toBeNull();
    expect(queryAt(stateOf(['# s1 1-1 夜|']))).toBeNull();
  });
});

describe('autocomplete plugin state', () => {
  const sources = () => ({ characters: bible, locations: [{ name: '客厅', aliases: ['living room'] }] });
  const plugin = autocompletePlugin(sources);

  it('[ED25] suggests bible and script names, moves with the arrows and accepts the chosen one', () => {
    let s = stateOf(['# s1 1-1', 'character: 林小满', 'dialogue: 妈！', 'character: 林|'], [plugin]);
    expect(autocompleteKey.getState(s)?.items.map((i) => i.name)).toEqual(['林晚', '林小满']);
    s = s.apply(s.tr.setMeta(autocompleteKey, { move: 1 }));
    const ac = autocompleteKey.getState(s)!;
    expect(ac.index).toBe(1);
    s = s.apply(acceptSuggestion(s, ac.items[ac.index]!)!);
    expect(render(s).at(-1)).toBe('character: 林小满|');
    expect(autocompleteKey.getState(s)?.items).toEqual([]);
  });

  it('[ED25] Escape closes the popup until the query changes', () => {
    let s = stateOf(['# s1 1-1 夜 内 客|'], [plugin]);
    expect(autocompleteKey.getState(s)?.items.map((i) => i.name)).toEqual(['客厅']);
    s = s.apply(s.tr.setMeta(autocompleteKey, { dismiss: true }));
    expect(autocompleteKey.getState(s)?.items).toEqual([]);
    s = s.apply(s.tr.setSelection(s.selection.map(s.doc, s.tr.mapping)));
    expect(autocompleteKey.getState(s)?.items).toEqual([]); // same query as dismissed: `客`
    s = s.apply(s.tr.delete(s.selection.head - 1, s.selection.head).insertText('liv'));
    // `liv` matches the alias and is inserted as typed by the writer's choice.
    expect(autocompleteKey.getState(s)?.items).toEqual([{ name: '客厅', insert: 'living room' }]);
  });
});
