import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEpisode } from '../../api/episodes';
import { Button } from '../../ui/Button';

/** Title (+ optional assignee) → POST …/episodes; the server appends it and writes its first scene. */
export function CreateEpisodeForm({
  seriesId,
  run,
  pending,
  onCreated,
}: {
  seriesId: string;
  run: <R>(fn: () => Promise<R>) => Promise<R>;
  pending: boolean;
  onCreated: () => void;
}) {
  const { t } = useTranslation('app');
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await run(() => createEpisode(seriesId, { title: title.trim(), ...(assignee.trim() ? { assignee: assignee.trim() } : {}) }));
      setTitle('');
      onCreated();
    } catch {
      // Shown by the list's error area; the typed title stays for a retry.
    }
  };

  return (
    <form className="create-row" onSubmit={submit}>
      <input
        className="input grow"
        aria-label={t('episodes.newTitle')}
        placeholder={t('episodes.newPlaceholder')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="new-episode-title"
      />
      <input
        className="input narrow"
        aria-label={t('fields.assignee')}
        placeholder={t('episodes.assigneePlaceholder')}
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
        data-testid="new-episode-assignee"
      />
      <Button type="submit" variant="primary" disabled={pending || title.trim() === ''} data-testid="create-episode">
        {t('episodes.create')}
      </Button>
    </form>
  );
}
