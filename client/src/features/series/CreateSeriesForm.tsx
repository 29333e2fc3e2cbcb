import { LANGUAGES, type Language, type Series } from '@loopline/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createSeries } from '../../api/series';
import { Button } from '../../ui/Button';

/** Title + script language → POST /api/series; clears itself on success. */
export function CreateSeriesForm({
  defaultLanguage,
  run,
  pending,
  onCreated,
}: {
  defaultLanguage: Language;
  run: <R>(fn: () => Promise<R>) => Promise<R>;
  pending: boolean;
  onCreated: (series: Series) => void;
}) {
  const { t } = useTranslation('app');
  const [title, setTitle] = useState('');
  const [language, setLanguage] = useState<Language>(defaultLanguage);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await run(() => createSeries({ title: title.trim(), language }));
      setTitle('');
      onCreated(created);
    } catch {
      // Shown by the list's error area; the typed title stays for a retry.
    }
  };

  return (
    <form className="create-row" onSubmit={submit}>
      <input
        className="input grow"
        aria-label={t('series.newTitle')}
        placeholder={t('series.newPlaceholder')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="new-series-title"
      />
      <select
        className="select"
        aria-label={t('fields.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        data-testid="new-series-language"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`scriptLanguage.${l}`)}
          </option>
        ))}
      </select>
      <Button type="submit" variant="primary" disabled={pending || title.trim() === ''} data-testid="create-series">
        {t('series.create')}
      </Button>
    </form>
  );
}
