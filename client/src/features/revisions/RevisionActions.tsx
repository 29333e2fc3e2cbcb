import { KNOWN_PLATFORMS, type Revision, type Role } from '@loopline/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { airRevision, approveRevision, proposeRevision, rejectRevision } from '../../api/revisions';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { PlatformOptions } from '../../ui/Options';
import { useAction } from '../../ui/useResource';
import { localInputValue } from '../releases/ReleasesPanel';
import { availableActions, commentProblem } from './workflow';

/** Props of {@link RevisionActions}. */
export interface RevisionActionsProps {
  revision: Revision;
  role: Role | null;
  /** Receives the revision as the server returned it after a step. */
  onChanged: (revision: Revision) => void;
}

/** The "mark aired" form: platform and when (default now), confirmed by a button [UR4]. */
function AirForm({ revision, onChanged, onCancel }: { revision: Revision; onChanged: (r: Revision) => void; onCancel: () => void }) {
  const { t } = useTranslation('app');
  const id = useId();
  const [platform, setPlatform] = useState<string>(KNOWN_PLATFORMS[0]);
  const [airedAt, setAiredAt] = useState(() => localInputValue(new Date()));
  const action = useAction();
  const when = new Date(airedAt);
  const valid = platform !== '' && !Number.isNaN(when.getTime());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    action.fire(() => airRevision(revision.id, { platform, airedAt: when.toISOString() }).then(onChanged));
  };
  return (
    <form className="rv-air-form" onSubmit={submit} data-testid="revision-air-form">
      <label className="rv-field" htmlFor={`${id}-pf`}>
        <span>{t('revisions.platform')}</span>
        <select id={`${id}-pf`} className="select" value={platform} onChange={(e) => setPlatform(e.target.value)} data-testid="revision-air-platform">
          <PlatformOptions />
        </select>
      </label>
      <label className="rv-field" htmlFor={`${id}-at`}>
        <span>{t('revisions.airedAt')}</span>
        <input
          id={`${id}-at`}
          className="input"
          type="datetime-local"
          value={airedAt}
          onChange={(e) => setAiredAt(e.target.value)}
          data-testid="revision-air-time"
        />
      </label>
      <div className="rv-buttons">
        <Button type="submit" variant="primary" size="sm" disabled={!valid || action.pending} data-testid="revision-air-confirm">
          {t('revisions.confirmAired')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}

/**
 * The workflow buttons of one revision for the signed-in role [UR2]:
 * Propose (draft, `revision.propose`), Approve / Reject with a comment
 * (proposed, `revision.approve`; a rejection needs one [UR3]) and Mark aired
 * (approved, `release.mark`) [UR4]. Nothing shows when the role can take no
 * step from the current status.
 */
export function RevisionActions({ revision, role, onChanged }: RevisionActionsProps) {
  const { t } = useTranslation('app');
  const id = useId();
  const actions = availableActions(role, revision.status);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [airing, setAiring] = useState(false);
  const action = useAction();
  if (actions.length === 0) return null;

  const done = (next: Revision) => {
    setComment('');
    setProblem(null);
    setAiring(false);
    onChanged(next);
  };
  const decide = (kind: 'approve' | 'reject') => {
    const issue = commentProblem(kind, comment);
    setProblem(issue);
    if (issue) return;
    action.fire(() => (kind === 'approve' ? approveRevision(revision.id, comment.trim()) : rejectRevision(revision.id, comment.trim())).then(done));
  };
  const deciding = actions.includes('approve') || actions.includes('reject');

  return (
    <div className="rv-actions" data-testid="revision-actions">
      {deciding && (
        <label className="rv-field rv-comment" htmlFor={`${id}-comment`}>
          <span>{t('revisions.comment')}</span>
          <textarea
            id={`${id}-comment`}
            className="input"
            rows={2}
            value={comment}
            onChange={(e) => {
              setComment(e.target.value);
              if (problem && e.target.value.trim() !== '') setProblem(null);
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            data-testid="revision-comment"
          />
        </label>
      )}
      {problem && (
        <p id={`${id}-problem`} className="rv-error" role="alert" data-testid="revision-comment-error">
          {t(`revisions.${problem}`)}
        </p>
      )}
      <div className="rv-buttons">
        {actions.includes('propose') && (
          <Button variant="primary" size="sm" disabled={action.pending} onClick={() => action.fire(() => proposeRevision(revision.id).then(done))} data-testid="revision-propose">
            {t('revisions.propose')}
          </Button>
        )}
        {actions.includes('approve') && (
          <Button variant="primary" size="sm" disabled={action.pending} onClick={() => decide('approve')} data-testid="revision-approve">
            {t('revisions.approve')}
          </Button>
        )}
        {actions.includes('reject') && (
          <Button variant="danger" size="sm" disabled={action.pending} onClick={() => decide('reject')} data-testid="revision-reject">
            {t('revisions.reject')}
          </Button>
        )}
        {actions.includes('air') && !airing && (
          <Button variant="primary" size="sm" onClick={() => setAiring(true)} data-testid="revision-air">
            {t('revisions.markAired')}
          </Button>
        )}
      </div>
      {airing && <AirForm revision={revision} onChanged={done} onCancel={() => setAiring(false)} />}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </div>
  );
}
