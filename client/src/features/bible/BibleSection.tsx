import type { BibleCharacter, BibleLocation } from '@loopline/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BibleEntryInput, type BibleKind, createBibleEntry, deleteBibleEntry, updateBibleEntry } from '../../api/bible';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Empty } from '../../ui/States';
import { useAction } from '../../ui/useResource';
import { BibleEntryForm } from './BibleEntryForm';
import { BibleEntryRow } from './BibleEntryRow';

const TEXT = {
  characters: { title: 'bible.characters', empty: 'bible.emptyCharacters', add: 'bible.addCharacter', item: 'character-item' },
  locations: { title: 'bible.locations', empty: 'bible.emptyLocations', add: 'bible.addLocation', item: 'location-item' },
} as const;

/** One half of the bible (characters or locations): list, and with `canEdit` add, edit, delete with confirmation. */
export function BibleSection({
  seriesId,
  kind,
  entries,
  canEdit,
  onChanged,
}: {
  seriesId: string;
  kind: BibleKind;
  entries: readonly (BibleCharacter | BibleLocation)[];
  /** The role may change the bible; otherwise entries are only listed. */
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation('app');
  const action = useAction();
  const [confirming, setConfirming] = useState<BibleCharacter | BibleLocation | null>(null);
  const text = TEXT[kind];
  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));

  const create = (input: BibleEntryInput) => action.run(() => createBibleEntry(seriesId, kind, input)).then(onChanged);
  const save = (id: string, input: BibleEntryInput) => action.run(() => updateBibleEntry(seriesId, kind, id, input)).then(onChanged);
  const remove = (id: string) => {
    setConfirming(null);
    action.fire(() => deleteBibleEntry(seriesId, kind, id).then(onChanged));
  };

  return (
    <section className="panel bible-section" data-testid={`bible-${kind}`}>
      <div className="panel-header">
        <h2 className="panel-title">{t(text.title)}</h2>
        <span className="muted">{entries.length}</span>
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {sorted.length === 0 ? (
        <Empty>{t(text.empty)}</Empty>
      ) : (
        <ul className="bible-list">
          {sorted.map((entry) => (
            <BibleEntryRow
              key={entry.id}
              entry={entry}
              testId={text.item}
              pending={action.pending}
              canEdit={canEdit}
              onSave={(input) => save(entry.id, input)}
              onDelete={() => setConfirming(entry)}
            />
          ))}
        </ul>
      )}
      {canEdit && <BibleEntryForm submitLabel={t(text.add)} pending={action.pending} onSubmit={create} testId={`add-${kind}`} />}
      {confirming && (
        <Dialog title={t('bible.confirmDelete', { name: confirming.name })} onClose={() => setConfirming(null)}>
          <div className="form-actions">
            <Button onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" onClick={() => remove(confirming.id)} data-testid="confirm-delete">
              {t('common.delete')}
            </Button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
