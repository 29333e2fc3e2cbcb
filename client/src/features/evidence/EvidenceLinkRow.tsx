import type { EvidenceLink, LinkState } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getLinkItems } from '../../api/evidence';
import { formatDate } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { useResource } from '../../ui/useResource';
import { SafeText } from '../inbox/SafeText';
import { SampleLine } from './SampleLine';
import { StateBadge } from './StateBadge';

/** How many of a link's items the side panel quotes. */
export const QUOTED_ITEMS = 3;

/** The series inbox showing a link's items, optionally opened on one of them [UE10]. */
export function inboxHref(seriesId: string, linkId: string, itemId?: string): string {
  const params = new URLSearchParams({ tab: 'inbox', link: linkId });
  if (itemId) params.set('item', itemId);
  return `/series/${encodeURIComponent(seriesId)}?${params.toString()}`;
}

/** Props of {@link EvidenceLinkRow}. */
export interface EvidenceLinkRowProps {
  link: EvidenceLink;
  /** The state on this client's document now (the plugin's), else the server's. */
  state: LinkState;
  seriesId: string;
  onFocus?: (linkId: string | null) => void;
}

/**
 * One link in the side panel [UE9]: state, stance, weight, the heading it
 * had (orphaned), the quoted span, rationale, author, the sample, the first
 * items (pseudonymous authors, text inert) and "Show in inbox".
 */
export function EvidenceLinkRow({ link, state, seriesId, onFocus }: EvidenceLinkRowProps) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const loader = useCallback((signal: AbortSignal) => getLinkItems(link.id, { limit: QUOTED_ITEMS }, signal), [link.id]);
  const items = useResource(loader);
  const anchor = link.anchor;
  return (
    <li
      className={`ev-link ev-link-${state}`}
      data-testid="evidence-panel-link"
      data-link-id={link.id}
      data-state={state}
      data-stance={link.stance}
      data-weight={link.weight}
      onMouseEnter={() => onFocus?.(link.id)}
      onMouseLeave={() => onFocus?.(null)}
    >
      <div className="ev-row">
        <StateBadge state={state} />
        <span className={`ev-stance ev-stance-${link.stance}`}>{t(`evidence.stance.${link.stance}`)}</span>
        <span className="muted" title={t(`evidence.weight.${link.weight}`)}>
          {t('evidence.panel.weight', { weight: link.weight })}
        </span>
      </div>
      {state === 'orphaned' && (
        <p className="ev-old-heading" data-testid="evidence-old-heading">
          {t('evidence.panel.wasIn')} <SafeText text={anchor.heading || t('evidence.dialog.untitled')} />
        </p>
      )}
      {anchor.kind === 'span' && (
        <blockquote className="ev-quote" data-testid="evidence-quote">
          <SafeText text={anchor.quote} />
        </blockquote>
      )}
      {link.rationale.trim() !== '' && (
        <p className="ev-rationale">
          <SafeText text={link.rationale} />
        </p>
      )}
      <SampleLine sample={link.sample} testId="evidence-sample-line" />
      {items.data && items.data.items.length > 0 && (
        <ul className="ev-items">
          {items.data.items.map((item) => (
            <li key={item.id} data-testid="evidence-item-quote" data-item-id={item.id}>
              <span className="mono muted" title={t('inbox.authorHint')}>
                {item.author.slice(0, 10)}
              </span>{' '}
              <Link to={inboxHref(seriesId, link.id, item.id)} className="ev-item-text">
                <SafeText text={item.text} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="ev-row ev-link-foot">
        <span className="muted">
          {t('evidence.panel.by', { name: link.authorName, date: formatDate(link.createdAt, lang) })}
        </span>
        <Link to={inboxHref(seriesId, link.id)} className="btn btn-ghost btn-sm" data-testid="evidence-show-in-inbox">
          {t('evidence.panel.showInInbox', { count: link.itemCount })}
        </Link>
      </div>
    </li>
  );
}
