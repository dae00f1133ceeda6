import { describe, expect, it } from 'vitest';
import { createStorage } from '../../../utils/storage';
import { freshStorage, IMOGEN, OSWIN, patientKeyOf, rawContents, score } from './helpers';

describe('scores', () => {
  it('stores scores with their source and returns them oldest first', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await storage.addScores(key, [
      score('PHQ-9', '2025-03-01', 9, 'page'),
      score('PHQ-9', '2025-01-05', 18, 'fhir'),
      score('CRAVING', null, 4, 'entered'),
      { ...score('PHQ-9', '2025-02-01', 12, 'entered'), items: { 1: 2, 9: 0 } },
    ]);
    const { entries, unreadable } = await storage.loadScores(key);
    expect(unreadable).toEqual([]);
    expect(entries.map((entry) => [entry.date, entry.total, entry.provenance.source])).toEqual([
      ['2025-01-05', 18, 'fhir'],
      ['2025-02-01', 12, 'entered'],
      ['2025-03-01', 9, 'page'],
      [null, 4, 'entered'],
    ]);
    expect(entries[1]?.items).toEqual({ 1: 2, 9: 0 });
    await storage.close();
  });

  it('deduplicates by instrument, date, total and source', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    expect(await storage.addScores(key, [score('PHQ-9', '2025-01-05', 18, 'page')])).toEqual({
      added: 1,
      duplicates: 0,
    });
    const again = await storage.addScores(key, [
      score('PHQ-9', '2025-01-05', '18', 'page'),
      score('phq-9', '2025-01-05', 18, 'page'),
      score('PHQ-9', '2025-01-05', 18, 'entered'),
      score('PHQ-9', '2025-01-05', 17, 'page'),
    ]);
    expect(again).toEqual({ added: 2, duplicates: 2 });
    expect((await storage.loadScores(key)).entries).toHaveLength(3);
    await storage.close();
  });

  it('keeps patients apart', async () => {
    const { storage } = freshStorage();
    const imogen = await patientKeyOf(storage, IMOGEN);
    const oswin = await patientKeyOf(storage, OSWIN);
    await storage.addScores(imogen, [score('GAD-7', '2025-01-05', 15)]);
    await storage.addScores(oswin, [score('GAD-7', '2025-01-05', 3)]);
    expect((await storage.loadScores(imogen)).entries.map((entry) => entry.total)).toEqual([15]);
    expect((await storage.loadScores(oswin)).entries.map((entry) => entry.total)).toEqual([3]);
    await storage.close();
  });

  it('loses no score when two contexts write the same month at once', async () => {
    const { storage, name } = freshStorage();
    const other = createStorage({ name });
    const key = await patientKeyOf(storage, IMOGEN);
    await Promise.all([
      storage.addScores(key, [score('PHQ-9', '2025-04-02', 11)]),
      other.addScores(key, [score('PHQ-9', '2025-04-09', 10)]),
      storage.addScores(key, [score('GAD-7', '2025-04-16', 8)]),
      other.addScores(key, [score('GAD-7', '2025-04-23', 6)]),
    ]);
    expect((await storage.loadScores(key)).entries.map((entry) => entry.date)).toEqual([
      '2025-04-02',
      '2025-04-09',
      '2025-04-16',
      '2025-04-23',
    ]);
    await Promise.all([storage.close(), other.close()]);
  });

  it('refuses a malformed batch before writing any of it', async () => {
    const { storage } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    await expect(
      storage.addScores(key, [score('PHQ-9', '2025-01-05', 18), score('PHQ-9', '05/01/2025', 12)]),
    ).rejects.toThrow(/Score 2 was not stored: its date "05\/01\/2025" is not YYYY-MM-DD/);
    await expect(
      storage.addScores(key, [
        { ...score('PHQ-9', '2025-01-05', 18), provenance: { source: 'guess' } } as never,
      ]),
    ).rejects.toThrow(/source/);
    expect((await storage.loadScores(key)).entries).toEqual([]);
    await storage.close();
  });

  it('seals one record per patient per month, with no instrument or score in clear', async () => {
    const { storage, name } = freshStorage();
    const key = await patientKeyOf(storage, IMOGEN);
    const entries = Array.from({ length: 60 }, (_, day) =>
      score(
        'PCL-5',
        `2025-0${1 + Math.floor(day / 20)}-${String(1 + (day % 20)).padStart(2, '0')}`,
        40 + day,
      ),
    );
    await storage.addScores(key, entries);
    const raw = (await rawContents(name)).scores as { month: string; patientKey: string }[];
    expect(raw.map((record) => record.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(JSON.stringify(raw)).not.toContain('PCL-5');
    expect((await storage.loadScores(key)).entries).toHaveLength(60);
    await storage.close();
  });
});
