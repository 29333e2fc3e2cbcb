import type { Role } from '@loopline/shared';
import { hashPassword } from '../auth/passwords.js';
import { storeInitialDocument } from '../documents/initial.js';
import { seedDemoFeedback } from '../imports/demoFeedback.js';
import type { Storage } from '../storage/types.js';
import { DEMO_SERIES } from './content.js';
import type { DemoSeries } from './types.js';

/** What seeding did, for the start-up log. */
export interface SeedResult {
  seeded: boolean;
  seriesId?: string;
  episodes?: number;
  /** E-mails of the demo accounts created. */
  accounts?: string[];
  /** Generated audience feedback items imported for the demo (issue 4). */
  feedbackItems?: number;
}

/** The password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'loopline-demo';

/** One demo account per role on the demo series [AC21]; the admin is also a site admin. */
export const DEMO_ACCOUNTS: readonly { email: string; displayName: string; role: Role; isAdmin: boolean }[] = [
  { email: 'admin@demo.loopline', displayName: '陈立 Admin', role: 'admin', isAdmin: true },
  { email: 'showrunner@demo.loopline', displayName: '周敏 Showrunner', role: 'showrunner', isAdmin: false },
  { email: 'writer@demo.loopline', displayName: '林晓 Writer', role: 'writer', isAdmin: false },
  { email: 'operations@demo.loopline', displayName: '王芳 Operations', role: 'operations', isAdmin: false },
  { email: 'reviewer@demo.loopline', displayName: '赵磊 Reviewer', role: 'reviewer', isAdmin: false },
];

/**
 * Creates the demo series (bible, episodes and their documents) when the
 * storage holds no series at all, archived ones included [API12]: a team
 * that deleted or archived the demo never gets it back on restart. Every
 * episode's script is written into its Yjs document here on the server, with
 * a `demo` seed origin, never by an editor. The demo accounts are created
 * here too, and only here: they exist only where demo data was asked for
 * [AC21]. An e-mail already taken keeps its account; it just joins the series.
 */
export async function seedDemo(storage: Storage, demo: DemoSeries = DEMO_SERIES): Promise<SeedResult> {
  const existing = await storage.listSeries({ includeArchived: true });
  if (existing.length > 0) return { seeded: false };

  const series = await storage.createSeries({ title: demo.title, language: demo.language });
  for (const character of demo.characters) await storage.createCharacter({ seriesId: series.id, ...character });
  for (const location of demo.locations) await storage.createLocation({ seriesId: series.id, ...location });
  for (const episode of demo.episodes) {
    const created = await storage.createEpisode({
      seriesId: series.id,
      title: episode.title,
      language: episode.language,
      assignee: null,
    });
    if (episode.status !== created.status) await storage.updateEpisode(created.id, { status: episode.status });
    await storeInitialDocument(storage, created.id, episode.language, episode.doc, { kind: 'seed', reason: 'demo' });
  }
  // Audience data goes through the import runner like a real upload (issue 4, [FB21]).
  const audience = await seedDemoFeedback(storage, series.id);
  const accounts: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    let userId = (await storage.getUserByEmail(account.email))?.id;
    if (!userId) {
      const { email, displayName, isAdmin } = account;
      userId = (await storage.createUser({ email, displayName, isAdmin, passwordHash: await hashPassword(DEMO_PASSWORD) })).id;
      accounts.push(email);
    }
    await storage.setMembership(series.id, userId, account.role);
  }
  return { seeded: true, seriesId: series.id, episodes: demo.episodes.length, accounts, feedbackItems: audience.feedback.accepted };
}
