import { useCallback } from 'react';
import { getBible } from '../../api/bible';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useResource } from '../../ui/useResource';
import { BibleSection } from './BibleSection';

/** The Bible tab: characters and locations side by side; add, edit and delete only with `canEdit` (`bible.edit`) [UA10]. */
export function BiblePanel({ seriesId, canEdit }: { seriesId: string; canEdit: boolean }) {
  const loader = useCallback((signal: AbortSignal) => getBible(seriesId, signal), [seriesId]);
  const { data, error, loading, reload } = useResource(loader);
  if (error && !loading) return <ErrorMessage error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return (
    <div className="bible-grid">
      <BibleSection seriesId={seriesId} kind="characters" entries={data.characters} canEdit={canEdit} onChanged={reload} />
      <BibleSection seriesId={seriesId} kind="locations" entries={data.locations} canEdit={canEdit} onChanged={reload} />
    </div>
  );
}
