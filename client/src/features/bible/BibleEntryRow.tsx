import type { BibleCharacter, BibleLocation } from '@loopline/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BibleEntryInput } from '../../api/bible';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { BibleEntryForm } from './BibleEntryForm';

/** Props of {@link BibleEntryRow}. */
export interface BibleEntryRowProps {
  entry: BibleCharacter | BibleLocation;
  testId: 'character-item' | 'location-item';
  pending: boolean;
  /** Show the edit and delete buttons (`bible.edit`). */
  canEdit: boolean;
  onSave: (input: BibleEntryInput) => Promise<unknown>;
  onDelete: () => void;
}

/** One bible entry: name, alias chips, description; switches to a form to edit. */
export function BibleEntryRow({ entry, testId, pending, canEdit, onSave, onDelete }: BibleEntryRowProps) {
  const { t } = useTranslation('app');
  const [editing, setEditing] = useState(false);
  return (
    <li className="bible-item" data-testid={testId} data-entry-id={entry.id}>
      {editing && canEdit ? (
        <BibleEntryForm
          initial={entry}
          submitLabel={t('common.save')}
          pending={pending}
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await onSave(input);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <div className="bible-item-main">
            <div className="bible-item-head">
              <span className="bible-item-name">{entry.name}</span>
              {entry.aliases.map((alias) => (
                <Badge key={alias} tone="neutral">
                  {alias}
                </Badge>
              ))}
            </div>
            {entry.description && <p className="bible-item-description">{entry.description}</p>}
          </div>
          {canEdit && (
            <div className="row-actions">
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)} data-testid="edit-bible-entry">
                {t('common.edit')}
              </Button>
              <Button size="sm" variant="ghost" className="danger-text" disabled={pending} onClick={onDelete} data-testid="delete-bible-entry">
                {t('common.delete')}
              </Button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
