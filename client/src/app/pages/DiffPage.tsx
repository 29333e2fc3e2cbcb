import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { DiffView } from '../../features/revisions/DiffView';
import { useEpisodeTrail } from './episodeTrail';

/** Route `/episodes/:episodeId/diff?from=&to=`: compare two revisions, or one with the live script [UR5]. */
export function DiffPage() {
  const { episodeId = '' } = useParams();
  const { t } = useTranslation('app');
  const [params, setParams] = useSearchParams();
  useEpisodeTrail(episodeId, t('revisions.diff.title'));
  return (
    <div className="page">
      <div className="page-header">
        <h1 className="page-title">{t('revisions.diff.title')}</h1>
      </div>
      <DiffView episodeId={episodeId} from={params.get('from')} to={params.get('to')} onPick={(from, to) => setParams({ from, to }, { replace: true })} />
    </div>
  );
}
