import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BibleEntryInput } from '../../api/bible';
import { Button } from '../../ui/Button';
import { formatAliases, parseAliases } from './aliases';

/** Props of {@link BibleEntryForm}. */
export interface BibleEntryFormProps {
  initial?: BibleEntryInput;
  submitLabel: string;
  /** Resolves when saved; a rejection keeps the form filled. */
  onSubmit: (input: BibleEntryInput) => Promise<unknown>;
  onCancel?: () => void;
  pending: boolean;
  testId?: string;
}

/** Name, aliases (comma-separated → list) and description of a character or location. */
export function BibleEntryForm({ initial, submitLabel, onSubmit, onCancel, pending, testId }: BibleEntryFormProps) {
  const { t } = useTranslation('app');
  const [name, setName] = useState(initial?.name ?? '');
  const [aliases, setAliases] = useState(formatAliases(initial?.aliases ?? []));
  const [description, setDescription] = useState(initial?.description ?? '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onSubmit({ name: name.trim(), aliases: parseAliases(aliases), description: description.trim() });
      if (!initial) {
        setName('');
        setAliases('');
        setDescription('');
      }
    } catch {
      // The section shows the error; keep what was typed.
    }
  };

  return (
    <form className="bible-form" onSubmit={submit} data-testid={testId}>
      <input
        className="input"
        aria-label={t('fields.name')}
        placeholder={t('bible.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        data-testid="bible-name"
      />
      <input
        className="input"
        aria-label={t('fields.aliases')}
        placeholder={t('bible.aliasesHint')}
        value={aliases}
        onChange={(e) => setAliases(e.target.value)}
        data-testid="bible-aliases"
      />
      <textarea
        className="input bible-description"
        aria-label={t('fields.description')}
        placeholder={t('bible.descriptionPlaceholder')}
        value={description}
        rows={2}
        onChange={(e) => setDescription(e.target.value)}
        data-testid="bible-description"
      />
      <div className="form-actions">
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button type="submit" variant="primary" disabled={pending || name.trim() === ''} data-testid="bible-submit">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
