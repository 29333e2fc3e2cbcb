import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';

/** Asks for the display name shown beside the writer's cursor; mandatory unless `onCancel` is given. */
export function NamePrompt({ initial = '', onSubmit, onCancel }: { initial?: string; onSubmit: (name: string) => void; onCancel?: () => void }) {
  const { t } = useTranslation('app');
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  };
  return (
    <Dialog title={t('user.askTitle')} onClose={onCancel} testId="name-prompt">
      <form className="form-stack" onSubmit={submit}>
        <p className="muted">{t('user.askHint')}</p>
        <input
          className="input"
          aria-label={t('user.namePlaceholder')}
          placeholder={t('user.namePlaceholder')}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
          data-testid="user-name-input"
        />
        <div className="form-actions">
          {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
          <Button type="submit" variant="primary" disabled={!name.trim()} data-testid="user-name-submit">
            {t('user.continue')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
