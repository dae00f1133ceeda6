/**
 * The user's own settings (layout, retention choice …). Not patient data, so not sealed; the
 * schema and the merge with managed policy belong to utils/policy, which validates them.
 */
import type { StorageContext } from './context';

export async function loadSettings(ctx: StorageContext): Promise<Record<string, unknown>> {
  const db = await ctx.db();
  const record = await db.get('settings', 'user');
  return record?.settings ?? {};
}

export async function saveSettings(
  ctx: StorageContext,
  settings: Record<string, unknown>,
): Promise<void> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new Error('Settings not saved: they are not an object.');
  }
  // A round trip through JSON refuses values (functions, cycles) that would not survive a reload.
  let plain: Record<string, unknown>;
  try {
    plain = JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
  } catch (error) {
    throw new Error('Settings not saved: they are not plain JSON data.', { cause: error });
  }
  const db = await ctx.db();
  const tx = db.transaction('settings', 'readwrite');
  await Promise.all([
    tx.store.put({ id: 'user', settings: plain, updatedAt: ctx.now().toISOString() }),
    tx.done,
  ]);
}
