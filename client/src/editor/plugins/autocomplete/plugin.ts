import { charactersInScript, locationsInScript } from '@loopline/shared';
import { type EditorState, Plugin, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { autocompleteKey } from '../../keys.js';
import { type Candidate, mergeCandidates, type Suggestion, suggest } from './match.js';
import { type AutocompleteQuery, queryAt } from './query.js';

/** Bible names the suggestions draw on (besides the names already in the script). */
export interface AutocompleteSources {
  characters: readonly Candidate[];
  locations: readonly Candidate[];
}

/** The popup's state: open when `items` is non-empty. */
export interface AutocompleteState {
  query: AutocompleteQuery | null;
  items: Suggestion[];
  index: number;
  /** `from:query` of a popup the writer closed with Escape; it stays closed for that query. */
  dismissed: string | null;
}

type Action = { move: 1 | -1 } | { dismiss: true };

const CLOSED: AutocompleteState = { query: null, items: [], index: 0, dismissed: null };
const keyOf = (q: AutocompleteQuery) => `${q.from}:${q.query}`;

function compute(state: EditorState, sources: AutocompleteSources, dismissed: string | null): AutocompleteState {
  const query = queryAt(state);
  if (!query) return CLOSED;
  const stillDismissed = dismissed === keyOf(query) ? dismissed : null;
  if (stillDismissed) return { ...CLOSED, query, dismissed: stillDismissed };
  const candidates =
    query.kind === 'character'
      ? mergeCandidates(sources.characters, charactersInScript(state.doc))
      : mergeCandidates(sources.locations, locationsInScript(state.doc));
  return { query, items: suggest(query.query, candidates), index: 0, dismissed: null };
}

/** Replaces the query with the chosen suggestion. */
export function acceptSuggestion(state: EditorState, item: Suggestion): Transaction | null {
  const ac = autocompleteKey.getState(state);
  if (!ac?.query) return null;
  return state.tr.insertText(item.insert, ac.query.from, ac.query.to).scrollIntoView();
}

function handleKey(view: EditorView, event: KeyboardEvent): boolean {
  const ac = autocompleteKey.getState(view.state);
  if (!ac || ac.items.length === 0 || event.isComposing) return false;
  const act = (a: Action) => view.dispatch(view.state.tr.setMeta(autocompleteKey, a));
  switch (event.key) {
    case 'ArrowDown':
      act({ move: 1 });
      return true;
    case 'ArrowUp':
      act({ move: -1 });
      return true;
    case 'Escape':
      act({ dismiss: true });
      return true;
    case 'Enter':
    case 'Tab': {
      if (event.shiftKey || event.metaKey || event.ctrlKey || event.altKey) return false;
      const tr = acceptSuggestion(view.state, ac.items[ac.index]!);
      if (tr) view.dispatch(tr);
      return true;
    }
    default:
      return false;
  }
}

/** The popup element, positioned under the query; items are chosen with the mouse too. */
function popupView(view: EditorView) {
  const dom = document.createElement('ul');
  dom.className = 'ed-autocomplete';
  dom.setAttribute('role', 'listbox');
  dom.dataset.testid = 'autocomplete';
  dom.hidden = true;
  view.dom.parentNode?.appendChild(dom);
  let shown: AutocompleteState | null = null;

  const update = () => {
    const ac = autocompleteKey.getState(view.state);
    if (ac === shown) return;
    shown = ac ?? null;
    if (!ac?.query || ac.items.length === 0) {
      dom.hidden = true;
      return;
    }
    dom.replaceChildren(
      ...ac.items.map((item, i) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === ac.index));
        li.textContent = item.insert === item.name ? item.name : `${item.insert} · ${item.name}`;
        // mousedown, not click: keep the editor's focus and selection.
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          const tr = acceptSuggestion(view.state, item);
          if (tr) view.dispatch(tr);
        });
        return li;
      }),
    );
    dom.hidden = false;
    const parent = dom.offsetParent ?? view.dom.parentElement;
    const box = parent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const at = view.coordsAtPos(ac.query.from);
    dom.style.left = `${at.left - box.left}px`;
    dom.style.top = `${at.bottom - box.top + 2}px`;
  };
  return { update, destroy: () => dom.remove() };
}

/**
 * Autocomplete of character names in cues and locations in scene headings
 * [ED25], from the series bible (names and aliases) and the names already in
 * the script. Arrow keys move, Enter or Tab accepts, Escape closes. It must
 * come before the keymap so Enter and Tab reach it first.
 */
export function autocompletePlugin(sources: () => AutocompleteSources): Plugin<AutocompleteState> {
  return new Plugin<AutocompleteState>({
    key: autocompleteKey,
    state: {
      init: (_c, state) => compute(state, sources(), null),
      apply(tr, prev, _old, state) {
        const action = tr.getMeta(autocompleteKey) as Action | undefined;
        if (action && 'move' in action && prev.items.length > 0) {
          const n = prev.items.length;
          return { ...prev, index: (prev.index + action.move + n) % n };
        }
        if (action && 'dismiss' in action && prev.query) return { ...CLOSED, query: prev.query, dismissed: keyOf(prev.query) };
        if (!tr.docChanged && !tr.selectionSet) return prev;
        return compute(state, sources(), prev.dismissed);
      },
    },
    props: { handleKeyDown: handleKey },
    view: popupView,
  });
}
