import { nextRevisionColour, parseRevisionColour, type Revision, revisionColourName } from '@loopline/shared';
import { type FormEvent, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createRevision, listEpisodeLinks } from '../../api/revisions';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { LinkLine } from '../trace/LinkLine';
import { ColourSwatch } from './RevisionLabel';

/**
 * Colours a new revision may take: the next one after the episode's latest
 * (the default) and the rest of that round, never one already used [UR1].
 */
export function colourChoices(used: readonly string[]): string[] {
  const next = nextRevisionColour(used);
  const start = parseRevisionColour(next)?.rank ?? 0;
  const taken = new Set(used);
  return Array.from({ length: 9 }, (_, i) => revisionColourName(start + i)).filter((c) => !taken.has(c));
}

/** Props of {@link NewRevisionForm}. */
export interface NewRevisionFormProps {
  episodeId: string;
  /** The episode's revisions (for the next colour). */
  revisions: readonly Revision[];
  onCreated: (revision: Revision) => void;
  onCancel: () => void;
}

/**
 * "New revision" [UR1]: a summary, the episode's links not yet in a revision
 * to attach (`GET …/links?revisionId=none`), and the colour, defaulting to
 * the one after the episode's latest. The server snapshots the live script.
 */
export function NewRevisionForm({ episodeId, revisions, onCreated, onCancel }: NewRevisionFormProps) {
  const { t } = useTranslation('app');
  const id = useId();
  const loader = useCallback((signal: AbortSignal) => listEpisodeLinks(episodeId, { revisionId: 'none' }, signal), [episodeId]);
  const links = useResource(loader);
  const choices = useMemo(() => colourChoices(revisions.map((r) => r.colour)), [revisions]);
  const [colour, setColour] = useState(() => choices[0] ?? '');
  const [summary, setSummary] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const action = useAction();
  const valid = summary.trim() !== '';

  const toggle = (linkId: string, on: boolean) =>
    setPicked((old) => {
      const next = new Set(old);
      if (on) next.add(linkId);
      else next.delete(linkId);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    const linkIds = (links.data ?? []).filter((l) => picked.has(l.id)).map((l) => l.id);
    action.fire(() => createRevision(episodeId, { summary: summary.trim(), linkIds, ...(colour ? { colour } : {}) }).then(onCreated));
  };

  return (
    <form className="rv-new panel" onSubmit={submit} data-testid="new-revision-form">
      <label className="rv-field" htmlFor={`${id}-summary`}>
        <span>{t('revisions.summary')}</span>
        <textarea
          id={`${id}-summary`}
          className="input"
          rows={3}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          placeholder={t('revisions.summaryPlaceholder')}
          data-testid="new-revision-summary"
        />
      </label>
      <label className="rv-field" htmlFor={`${id}-colour`}>
        <span>{t('revisions.colour')}</span>
        <span className="rv-colour-pick">
          <ColourSwatch colour={colour} />
          <select id={`${id}-colour`} className="select" value={colour} onChange={(e) => setColour(e.target.value)} data-testid="new-revision-colour">
            {choices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </span>
      </label>
      <fieldset className="rv-fieldset">
        <legend>{t('revisions.attachLinks')}</legend>
        {links.error && !links.loading ? <ErrorMessage error={links.error} onRetry={links.reload} /> : null}
        {links.loading && !links.data ? <Loading /> : null}
        {links.data?.length === 0 && <p className="muted">{t('revisions.noOpenLinks')}</p>}
        <ul className="rv-link-list">
          {links.data?.map((link) => (
            <LinkLine key={link.id} link={link}>
              <label className="rv-check">
                <input type="checkbox" checked={picked.has(link.id)} onChange={(e) => toggle(link.id, e.target.checked)} data-testid="new-revision-link" data-link-id={link.id} />
                {t('revisions.attach')}
              </label>
            </LinkLine>
          ))}
        </ul>
      </fieldset>
      <div className="rv-buttons">
        <Button type="submit" variant="primary" disabled={!valid || action.pending} data-testid="new-revision-create">
          {t('revisions.create')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
    </form>
  );
}
