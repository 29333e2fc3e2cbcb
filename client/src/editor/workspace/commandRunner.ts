import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** Runs editor commands from outside the editor (toolbar, navigator). */
export interface CommandRunner {
  /**
   * Runs `command` on the live view and gives the editor focus back; false
   * when there is no view or it declined. Editing commands are refused in a
   * read-only view; `navigation` ones (moving the cursor) are allowed.
   */
  run(command: Command, opts?: { navigation?: boolean }): boolean;
  /** Whether `command` would apply now (dispatch omitted). */
  can(command: Command, state: EditorState | null): boolean;
}

/** A runner bound to whichever view `getView` returns at call time. */
export function commandRunner(getView: () => EditorView | null): CommandRunner {
  return {
    run(command, opts) {
      const view = getView();
      if (!view || (!view.editable && !opts?.navigation)) return false;
      const ok = command(view.state, view.dispatch, view);
      view.focus();
      return ok;
    },
    can(command, state) {
      return state !== null && command(state);
    },
  };
}
