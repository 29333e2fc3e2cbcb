import type { ColumnMapping } from '@loopline/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getImportCatalogue, type ImportCatalogue, listImports, listMappings, saveMapping } from '../../api/imports';
import { Button } from '../../ui/Button';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Loading } from '../../ui/States';
import { useAction, useResource } from '../../ui/useResource';
import { useEpisodes } from '../inbox/useEpisodes';
import { ImportHistory } from './ImportHistory';
import { ImportProgressBar } from './ImportProgressBar';
import { EMPTY_SOURCE, ImportSource, type SourceChoice } from './ImportSource';
import { ImportSummary } from './ImportSummary';
import { MappingStep } from './MappingStep';
import { applyMapping, cleanMapping, initialMapping, missingRequired } from './mapping';
import { PreviewTable } from './PreviewTable';
import { useImportPreview } from './useImportPreview';
import { type PollDelay, timeoutDelay, useImportRun } from './useImportRun';
import '../inbox/feedback.css';
import './imports.css';

const NO_CATALOGUE: ImportCatalogue = { presets: [], targetFields: { feedback: [], metrics: [], retention: [] } };

/**
 * The Imports tab (operations, `feedback.import`) [UF1]–[UF4]: choose an
 * export, check what the server reads in it, map its columns, then stream
 * it with a live progress bar and read the summary and the rejected rows.
 * The series' import history sits below.
 */
export function ImportPanel({ seriesId, pollDelay = timeoutDelay }: { seriesId: string; pollDelay?: PollDelay }) {
  const { t } = useTranslation('app');
  const { episodes } = useEpisodes(seriesId);
  const catalogueLoader = useCallback((signal: AbortSignal) => getImportCatalogue(signal), []);
  const catalogue = useResource(catalogueLoader);
  const mappingsLoader = useCallback((signal: AbortSignal) => listMappings(seriesId, signal), [seriesId]);
  const savedMappings = useResource(mappingsLoader);
  const historyLoader = useCallback((signal: AbortSignal) => listImports(seriesId, signal), [seriesId]);
  const history = useResource(historyLoader);
  const action = useAction();

  const [source, setSource] = useState<SourceChoice>(EMPTY_SOURCE);
  const preview = useImportPreview(seriesId, source);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [presetId, setPresetId] = useState('');
  const { run, start, cancel, reset } = useImportRun(seriesId, pollDelay);

  const { presets: allPresets, targetFields } = catalogue.data ?? NO_CATALOGUE;
  const fields = targetFields[source.target] ?? [];
  const presets = useMemo(() => allPresets.filter((p) => p.target === source.target), [allPresets, source.target]);
  const columns = preview.preview?.columns ?? [];

  // A new preview (new file or options) or the catalogue arriving: start from the server's suggestion.
  useEffect(() => {
    const p = preview.preview;
    if (!p) return;
    const suggested = allPresets.find((x) => x.id === p.suggestedPresetId) ?? null;
    setPresetId(suggested?.id ?? '');
    setMapping(initialMapping(targetFields[source.target] ?? [], p.columns, p.suggestedMapping, suggested));
  }, [preview.preview, allPresets, targetFields, source.target]);

  const fixed = { episodeId: source.episodeId, platform: source.platform };
  const missing = missingRequired(fields, mapping, fixed);
  const running = run.phase === 'running';
  const canStart = !!source.file && !!preview.preview && missing.length === 0 && !running && fields.length > 0;

  const choosePreset = (id: string) => {
    setPresetId(id);
    const preset = allPresets.find((p) => p.id === id);
    if (preset) setMapping((m) => applyMapping(m, preset.mapping, columns));
  };
  const loadSaved = (name: string) => {
    const saved = savedMappings.data?.find((m) => m.name === name);
    if (saved) setMapping((m) => applyMapping(m, saved.mapping, columns));
  };
  const save = (name: string) => action.fire(() => saveMapping(seriesId, name, source.target, cleanMapping(mapping)).then(savedMappings.reload));

  const begin = async () => {
    const file = source.file;
    if (!file) return;
    await start(file, {
      target: source.target,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      platform: source.platform,
      episodeId: source.episodeId,
      presetId,
      mapping: cleanMapping(mapping),
    });
    // The history shows the new job with its final counts.
    history.reload();
  };
  const again = () => {
    reset();
    setSource({ ...EMPTY_SOURCE, target: source.target, episodeId: source.episodeId, platform: source.platform });
  };

  return (
    <section className="panel imports-panel" data-testid="imports">
      <div className="panel-header">
        <h2 className="panel-title">{t('imports.heading')}</h2>
      </div>
      {catalogue.error ? <ErrorMessage error={catalogue.error} onRetry={catalogue.reload} /> : null}
      {action.error ? <ErrorMessage error={action.error} onDismiss={action.clearError} /> : null}
      {run.phase === 'idle' && (
        <>
          <ImportSource value={source} episodes={episodes} disabled={false} onChange={setSource} />
          {preview.loading && <Loading label={t('imports.previewing')} />}
          {preview.error ? <ErrorMessage error={preview.error} /> : null}
          {preview.preview && (
            <>
              <h3 className="step-title">{t('imports.previewHeading')}</h3>
              <PreviewTable preview={preview.preview} />
              <h3 className="step-title">{t('imports.mappingHeading')}</h3>
              <MappingStep
                target={source.target}
                fields={fields}
                columns={columns}
                mapping={mapping}
                fixed={fixed}
                missing={missing}
                presets={presets}
                presetId={presetId}
                saved={savedMappings.data ?? []}
                canSave
                saving={action.pending}
                onMappingChange={setMapping}
                onPreset={choosePreset}
                onLoadSaved={loadSaved}
                onSave={save}
              />
              <div className="form-actions">
                <Button variant="primary" disabled={!canStart} onClick={() => void begin()} data-testid="import-start">
                  {t('imports.start')}
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {run.phase === 'running' && (
        <ImportProgressBar job={run.job} fileSize={source.file?.size ?? 0} cancelling={run.cancelling} onCancel={() => void cancel()} />
      )}
      {run.phase === 'finished' && <ImportSummary job={run.job} />}
      {run.phase === 'cancelled' && <p data-testid="import-cancelled">{t('imports.cancelledEarly')}</p>}
      {run.phase === 'failed' && <ErrorMessage error={run.error} />}
      {(run.phase === 'finished' || run.phase === 'cancelled' || run.phase === 'failed') && (
        <div className="form-actions">
          <Button onClick={again} data-testid="import-again">
            {t('imports.another')}
          </Button>
        </div>
      )}
      <h3 className="step-title">{t('imports.history.heading')}</h3>
      {history.error && !history.loading ? <ErrorMessage error={history.error} onRetry={history.reload} /> : null}
      {history.data ? <ImportHistory jobs={history.data} /> : history.loading ? <Loading /> : null}
    </section>
  );
}
