import type { AuditThresholds } from '@loopline/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setAuditThresholds } from '../../api/revisions';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useResource';

/** Form values: shares as whole percents, as people type them. */
interface Draft {
  minDistinctViewers: string;
  maxSegmentShare: string;
  maxCoordinatedShare: string;
}

const toDraft = (t: AuditThresholds): Draft => ({
  minDistinctViewers: String(t.minDistinctViewers),
  maxSegmentShare: String(Math.round(t.maxSegmentShare * 100)),
  maxCoordinatedShare: String(Math.round(t.maxCoordinatedShare * 100)),
});

/** The thresholds a draft stands for, or null while a field is not a number in range. */
export function parseThresholds(d: Draft): AuditThresholds | null {
  const viewers = Number(d.minDistinctViewers);
  const segment = Number(d.maxSegmentShare);
  const coordinated = Number(d.maxCoordinatedShare);
  const share = (n: number) => Number.isFinite(n) && n >= 0 && n <= 100;
  if (d.minDistinctViewers.trim() === '' || !Number.isInteger(viewers) || viewers < 0) return null;
  if (d.maxSegmentShare.trim() === '' || !share(segment) || d.maxCoordinatedShare.trim() === '' || !share(coordinated)) return null;
  return { minDistinctViewers: viewers, maxSegmentShare: segment / 100, maxCoordinatedShare: coordinated / 100 };
}

/**
 * The audit's thresholds [UR10]: fewer distinct viewers than N, one segment
 * holding more than X% of them, more than Y% coordinated items count as
 * weak evidence. Editable by those who approve revisions; read-only otherwise.
 */
export function ThresholdsForm({ seriesId, thresholds, canEdit, onSaved }: { seriesId: string; thresholds: AuditThresholds; canEdit: boolean; onSaved: () => void }) {
  const { t } = useTranslation('app');
  const id = useId();
  const [draft, setDraft] = useState(() => toDraft(thresholds));
  const action = useAction();
  const parsed = parseThresholds(draft);
  const field = (key: keyof Draft, label: string, unit: string) => (
    <label className="rv-field" htmlFor={`${id}-${key}`}>
      <span>{label}</span>
      <span className="au-threshold-input">
        <input
          id={`${id}-${key}`}
          className="input"
          type="number"
          inputMode="numeric"
          min={0}
          max={key === 'minDistinctViewers' ? undefined : 100}
          value={draft[key]}
          disabled={!canEdit}
          onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))}
          data-testid={`evidence-audit-threshold-${key}`}
        />
        <span className="muted">{unit}</span>
      </span>
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || !canEdit) return;
    action.fire(() => setAuditThresholds(seriesId, parsed).then(onSaved));
  };
  return (
    <form className="au-thresholds" onSubmit={submit} data-testid="evidence-audit-thresholds">
      <h3 className="au-group-title">{t('evidenceAudit.thresholds')}</h3>
      <div className="rv-buttons">
        {field('minDistinctViewers', t('evidenceAudit.minDistinctViewers'), t('evidenceAudit.viewersUnit'))}
        {field('maxSegmentShare', t('evidenceAudit.maxSegmentShare'), '%')}
        {field('maxCoordinatedShare', t('evidenceAudit.maxCoordinatedShare'), '%')}
        {canEdit && (
          <Button type="submit" size="sm" disabled={!parsed || action.pending} data-testid="evidence-audit-thresholds-save">
            {t('common.save')}
          </Button>
        )}
      </div>
      {canEdit && !parsed && <p className="rv-error">{t('evidenceAudit.thresholdsInvalid')}</p>}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}
