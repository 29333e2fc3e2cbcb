import { AppError } from '../errors.js';
import { StorageNotFoundError } from '../storage/common.js';
import { feedbackRowId } from '../storage/feedbackCommon.js';

/** A 400 naming one field: `invalid('body/sceneId', 'is not a scene of this episode')`. */
export function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path} ${message}`, [{ path, message }]);
}

/** Where in `ids` (given at `path`) the item a storage error names is, as a field path; `path` itself when not found. */
export function itemPath(path: string, ids: readonly string[], missing: string): string {
  const rowId = feedbackRowId(missing);
  const index = ids.findIndex((id) => id === missing || (rowId !== null && feedbackRowId(id) === rowId));
  return index < 0 ? path : `${path}/${index}`;
}

/**
 * Storage refusals of an evidence write as 400s naming the field: an item
 * not of the series (`items` at `itemsPath`), an unknown set, a link of
 * another episode; a RangeError (no item, too many) at `sizePath`. Anything
 * else is rethrown as it is (conflicts are 409s by the catalogue).
 */
export function evidenceWriteError(
  err: unknown,
  where: { itemsPath?: string; itemIds?: readonly string[]; setPath?: string; linksPath?: string; linkIds?: readonly string[]; sizePath?: string },
): unknown {
  if (err instanceof StorageNotFoundError) {
    if (err.entity === 'feedback item' && where.itemsPath) {
      return invalid(itemPath(where.itemsPath, where.itemIds ?? [], err.id), `names feedback item ${err.id}, which is not an item of this series`);
    }
    if (err.entity === 'evidence set' && where.setPath) return invalid(where.setPath, 'is not an evidence set of this series');
    if (err.entity === 'link' && where.linksPath) {
      const index = (where.linkIds ?? []).indexOf(err.id);
      return invalid(index < 0 ? where.linksPath : `${where.linksPath}/${index}`, `names link ${err.id}, which does not exist`);
    }
  }
  if (err instanceof RangeError && where.sizePath) return invalid(where.sizePath, err.message);
  return err;
}
