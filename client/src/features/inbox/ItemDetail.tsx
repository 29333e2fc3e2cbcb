import type { Episode, FeedbackItem } from '@loopline/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getFeedbackItem } from '../../api/feedback';
import { formatDate, formatNumber } from '../../i18n/format';
import { uiLanguageOf } from '../../i18n/instance';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { formatTimecode } from './filters';
import { SafeText } from './SafeText';

/** A compact reply or parent in the thread. */
function ThreadItem({ item, place }: { item: FeedbackItem; place: 'parent' | 'reply' }) {
  const { i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  return (
    <li className={`thread-item thread-${place}`} data-testid={`thread-${place}`}>
      <div className="thread-meta muted">
        <span className="mono">{item.author.slice(0, 10)}</span> · {formatDate(item.postedAt, lang, true)}
        {item.likes !== null && <> · ♥ {formatNumber(item.likes, lang)}</>}
      </div>
      <SafeText text={item.text} />
    </li>
  );
}

/**
 * The selected item in full [UF9]: its thread (parent above, replies below),
 * likes, timecode, segment attributes, the redactions made on import, and
 * the pseudonymous author with how many items that viewer wrote in the
 * series (a vocal minority shows up as one author with many items).
 */
export function ItemDetail({ itemId, episodes, onClose }: { itemId: string; episodes: Map<string, Episode>; onClose: () => void }) {
  const { t, i18n } = useTranslation('app');
  const lang = uiLanguageOf(i18n);
  const navigate = useNavigate();
  const loader = useCallback((signal: AbortSignal) => getFeedbackItem(itemId, signal), [itemId]);
  const { data, error, loading, reload } = useResource(loader);
  const item = data?.item;
  const episode = item?.episodeId ? episodes.get(item.episodeId) : undefined;
  const segments = item ? Object.entries(item.segments) : [];

  return (
    <aside className="item-detail panel" data-testid="item-detail" aria-label={t('inbox.detail')}>
      <div className="panel-header">
        <h3 className="panel-title">{item ? t(`feedbackKinds.${item.kind}`) : t('inbox.detail')}</h3>
        {/* A button, not a link: the detail holds no <a> at all, so nothing in it can pass for a link from viewer text [UF5]. */}
        <Button size="sm" variant="ghost" onClick={() => navigate(`/trace/item/${encodeURIComponent(itemId)}`)} data-testid="item-trace">
          {t('trace.open')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose} aria-label={t('common.close')} data-testid="item-detail-close">
          ×
        </Button>
      </div>
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && item && (
        <>
          {data.parent && (
            <ul className="thread">
              <ThreadItem item={data.parent} place="parent" />
            </ul>
          )}
          <div className="item-detail-text" data-testid="item-detail-text">
            <SafeText text={item.text} />
            {item.quote && (
              <blockquote className="item-quote">
                <SafeText text={item.quote} />
              </blockquote>
            )}
          </div>
          <dl className="detail-grid">
            <dt>{t('inbox.author')}</dt>
            <dd>
              <span className="mono" title={item.author}>
                {item.author.slice(0, 16)}
              </span>{' '}
              <span className="muted" data-testid="author-count">
                {t('inbox.authorItems', { count: formatNumber(data.authorItemCount, lang) })}
              </span>
            </dd>
            <dt>{t('inbox.platform')}</dt>
            <dd>{t(`platforms.${item.platform}`, { defaultValue: item.platform })}</dd>
            {episode && (
              <>
                <dt>{t('inbox.episode')}</dt>
                <dd>
                  {t('episodes.short', { number: episode.number })} {episode.title}
                </dd>
              </>
            )}
            <dt>{t('inbox.posted')}</dt>
            <dd>{formatDate(item.postedAt, lang, true)}</dd>
            {item.coordinated && (
              <>
                <dt>{t('evidence.coordinated')}</dt>
                <dd className="coord-tag-text" data-testid="detail-coordinated">
                  {t('evidence.coordinatedHint')}
                </dd>
              </>
            )}
            {item.likes !== null && (
              <>
                <dt>{t('inbox.likes')}</dt>
                <dd data-testid="detail-likes">{formatNumber(item.likes, lang)}</dd>
              </>
            )}
            {item.replyCount !== null && (
              <>
                <dt>{t('inbox.replies')}</dt>
                <dd>{formatNumber(item.replyCount, lang)}</dd>
              </>
            )}
            {item.timecodeMs !== null && (
              <>
                <dt>{t('inbox.timecode')}</dt>
                <dd className="mono" data-testid="detail-timecode">
                  {formatTimecode(item.timecodeMs)}
                </dd>
              </>
            )}
            {item.language && (
              <>
                <dt>{t('inbox.language')}</dt>
                <dd>{item.language}</dd>
              </>
            )}
            {segments.map(([name, value]) => (
              <SegmentRow key={name} name={name} label={t(`inbox.segments.${name}`, { defaultValue: name })} value={value} />
            ))}
            {item.redactions.length > 0 && (
              <>
                <dt>{t('inbox.redacted')}</dt>
                <dd>{item.redactions.map((k) => t(`inbox.redactionKinds.${k}`, { defaultValue: k })).join(', ')}</dd>
              </>
            )}
          </dl>
          {data.replies.length > 0 && (
            <>
              <h4 className="thread-heading">{t('inbox.repliesHeading', { count: formatNumber(data.replies.length, lang) })}</h4>
              <ul className="thread">
                {data.replies.map((reply) => (
                  <ThreadItem key={reply.id} item={reply} place="reply" />
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </aside>
  );
}

/** A segment attribute: custom names and values come from the export, so both go through SafeText. */
function SegmentRow({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <>
      <dt>
        <SafeText text={label} />
      </dt>
      <dd data-testid="detail-segment" data-segment={name}>
        <SafeText text={value} />
      </dd>
    </>
  );
}
