import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { getPrivacy } from '../../api/privacy';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { ErasureForm } from './ErasureForm';
import { RetentionForm } from './RetentionForm';
import '../inbox/feedback.css';
import './privacy.css';

/**
 * The Privacy tab (`privacy.manage`) [UF12]: how long raw feedback is kept,
 * deleting what is older now, and erasing one viewer's data on request.
 */
export function PrivacyPanel({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation('app');
  const loader = useCallback((signal: AbortSignal) => getPrivacy(seriesId, signal), [seriesId]);
  const { data, error, loading, reload } = useResource(loader);
  return (
    <section className="panel privacy-panel" data-testid="privacy">
      <div className="panel-header">
        <h2 className="panel-title">{t('privacy.heading')}</h2>
      </div>
      <p className="muted">{t('privacy.lead')}</p>
      {error && !loading ? <ErrorMessage error={error} onRetry={reload} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && <RetentionForm seriesId={seriesId} settings={data} onSaved={reload} />}
      <h3 className="step-title">{t('privacy.erasureHeading')}</h3>
      <ErasureForm seriesId={seriesId} />
    </section>
  );
}
