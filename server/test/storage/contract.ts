import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import type { Storage } from '../../src/storage/types.js';
import { accountContract } from './contract-accounts.js';
import { catalogContract } from './contract-catalog.js';
import { documentContract } from './contract-documents.js';
import { evidenceContract } from './contract-evidence.js';
import { evidenceSampleContract } from './contract-evidenceSample.js';
import { feedbackContract } from './contract-feedback.js';
import { importContract } from './contract-imports.js';
import { revisionContract } from './contract-revisions.js';

/** Gives each contract test the storage opened for it. */
export type StorageRef = () => Storage;

/**
 * The one contract every Storage backend passes (STYLE.md habit 11). `open`
 * must return a fresh, empty, migrated storage on each call; every test gets
 * its own. `cleanup` runs once after the whole suite (e.g. drop schemas).
 */
export function runStorageContract(name: string, open: () => Promise<Storage>, cleanup?: () => Promise<void>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage | undefined;
    beforeEach(async () => {
      storage = await open();
    });
    afterEach(async () => {
      await storage?.close();
      storage = undefined;
    });
    if (cleanup) afterAll(cleanup);

    const ref: StorageRef = () => {
      if (!storage) throw new Error('storage not open');
      return storage;
    };
    catalogContract(ref);
    documentContract(ref);
    accountContract(ref);
    feedbackContract(ref);
    importContract(ref);
    evidenceContract(ref);
    evidenceSampleContract(ref);
    revisionContract(ref);
  });
}
