import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';

// The docs are part of the product: a rule id a test cites must be written
// down in SPEC.md, and every configuration variable must be in the README.

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SKIP = new Set(['node_modules', 'dist', 'dist-types', 'data', '.git', 'test-results', '.test-output']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) testFiles(path, out);
    else if (/\.(test|spec)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const RULE_ID = /\[([A-Z]{2,3}\d{1,3})\]/g;

describe('docs', () => {
  it('every rule id cited in a test title is defined in docs/SPEC.md', () => {
    const spec = readFileSync(join(repo, 'docs/SPEC.md'), 'utf8');
    const defined = new Set([...spec.matchAll(RULE_ID)].map((m) => m[1]));
    const missing = new Map<string, string>();
    for (const dir of ['shared', 'server', 'client', 'e2e']) {
      for (const file of testFiles(join(repo, dir))) {
        const source = readFileSync(file, 'utf8');
        // Only ids inside test and describe titles count as citations.
        for (const title of source.matchAll(/\b(?:it|test|describe)(?:\.each\([^)]*\))?\(\s*[`'"]([^`'"]*)/g)) {
          for (const id of title[1]!.matchAll(RULE_ID)) {
            if (!defined.has(id[1]!)) missing.set(id[1]!, file.slice(repo.length + 1));
          }
        }
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it('the README configuration table lists every variable with its default', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    for (const variable of CONFIG_VARIABLES) {
      expect(readme, variable.name).toContain(`| \`${variable.name}\` | \`${variable.default}\` |`);
    }
  });
});
