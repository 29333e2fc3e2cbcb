import { useEffect, useState } from 'react';
import { type ImportPreview, previewImport } from '../../api/imports';
import type { SourceChoice } from './ImportSource';

/** The preview of the chosen file and options, or why it failed. */
export interface PreviewState {
  preview: ImportPreview | null;
  error: unknown;
  loading: boolean;
}

/**
 * Asks the server to preview the file's first 256 KiB whenever the file or
 * an option that changes how it is read changes [UF1]; an older answer
 * never replaces a newer one (the previous request is aborted). Episode and
 * platform are left out on purpose: choosing them must not re-run the
 * preview and so reset a mapping the user already adjusted.
 */
export function useImportPreview(seriesId: string, source: SourceChoice): PreviewState {
  const [state, setState] = useState<PreviewState>({ preview: null, error: null, loading: false });
  const { file, target, format, encoding, delimiter } = source;
  useEffect(() => {
    if (!file) {
      setState({ preview: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState({ preview: null, error: null, loading: true });
    previewImport(seriesId, file, { target, format, encoding, delimiter, fileName: file.name }, controller.signal).then(
      (preview) => {
        if (!controller.signal.aborted) setState({ preview, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ preview: null, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [seriesId, file, target, format, encoding, delimiter]);
  return state;
}
