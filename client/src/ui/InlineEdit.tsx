import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of {@link InlineEdit}. */
export interface InlineEditProps {
  value: string;
  /** Saves the new value; a rejection keeps the field open so nothing typed is lost. */
  onSave: (next: string) => Promise<unknown>;
  /** Accessible name of the field (also the edit button's tooltip). */
  label: string;
  placeholder?: string;
  /** Allow saving an empty string (e.g. clearing an assignee). */
  allowEmpty?: boolean;
  /** Text shown when the value is empty and not editing. */
  emptyText?: string;
  className?: string;
  testId?: string;
  disabled?: boolean;
  /** Controlled mode: the parent opens the editor (e.g. from a "Rename" button). */
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
  /** What to show when not editing (e.g. a link); defaults to a click-to-edit button. */
  view?: ReactNode;
}

/**
 * Text that turns into an input on click: Enter or blur saves, Escape cancels.
 * Unchanged values are not saved; a failed save keeps the input and its text.
 */
export function InlineEdit(props: InlineEditProps) {
  const { value, onSave, label, placeholder, allowEmpty, emptyText, className, testId, disabled, view } = props;
  const { t } = useTranslation('app');
  const [ownEditing, setOwnEditing] = useState(false);
  const editing = props.editing ?? ownEditing;
  const setEditing = (next: boolean) => {
    setOwnEditing(next);
    props.onEditingChange?.(next);
  };
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  // Reset the draft whenever the editor opens (also when a parent opens it);
  // later `value` changes must not overwrite what is being typed.
  const [wasEditing, setWasEditing] = useState(editing);
  if (editing !== wasEditing) {
    setWasEditing(editing);
    if (editing) setDraft(value);
  }

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const commit = async () => {
    const next = draft.trim();
    if (saving) return;
    if (next === value.trim() || (!allowEmpty && next === '')) {
      setEditing(false);
      return;
    }
    setSaving(true);
    try {
      await onSave(next);
      setEditing(false);
    } catch {
      // The caller shows the error; keep the field open with the writer's text.
      input.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // isComposing: Enter that confirms a pinyin/IME candidate must not save.
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(false);
    }
  };

  if (editing) {
    return (
      <input
        ref={input}
        className={`input inline-edit-input ${className ?? ''}`}
        aria-label={label}
        value={draft}
        placeholder={placeholder}
        disabled={saving}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void commit()}
        data-testid={testId ? `${testId}-input` : undefined}
      />
    );
  }
  if (view !== undefined) return <>{view}</>;
  return (
    <button
      type="button"
      className={`inline-edit ${value ? '' : 'inline-edit-empty'} ${className ?? ''}`}
      onClick={() => !disabled && setEditing(true)}
      title={`${t('common.edit')}: ${label}`}
      aria-label={`${label}: ${value || emptyText || ''}`}
      disabled={disabled}
      data-testid={testId}
    >
      {value || emptyText || placeholder}
    </button>
  );
}
