import { describe, expect, it } from 'vitest';
import {
  glanceOf,
  initialsOf,
  keyScoreOf,
  mostSeverePrompt,
  safetyPlanGlance,
} from '../../../utils/clinical/glance';
import { content, phq9Trend, prompt } from '../components/helpers';

describe('initials', () => {
  it.each([
    ['Daniel Okafor', 'DO'],
    ['Okafor, Daniel', 'DO'],
    ['maría josé de la cruz', 'MC'],
    ['Cher', 'C'],
    ["  O'Brien,  Siobhán  ", 'SO'],
    ['Émile Zola', 'ÉZ'],
  ])('reads %s as %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('has none without a name', () => {
    expect(initialsOf(null)).toBeNull();
    expect(initialsOf(' , ')).toBeNull();
  });
});

describe('key score', () => {
  it('leads with the instrument given most recently, its band and its change since baseline', () => {
    const gad7 = phq9Trend({
      instrument: 'GAD-7',
      latest: { date: '2024-05-01', score: 9, band: 'mild' },
      baseline: { date: '2024-03-03', score: 15, band: 'severe' },
      change: -6,
    });
    expect(keyScoreOf([phq9Trend(), gad7])).toEqual({
      instrument: 'GAD-7',
      score: 9,
      band: 'mild',
      date: '2024-05-01',
      change: -6,
      since: '2024-03-03',
    });
  });

  it('keeps the engine’s order between instruments given the same day', () => {
    const gad7 = phq9Trend({ instrument: 'GAD-7' });
    expect(keyScoreOf([phq9Trend(), gad7])?.instrument).toBe('PHQ-9');
  });

  it('gives no change with a single score in the episode, and nothing without scores', () => {
    const single = phq9Trend({
      change: null,
      baseline: { date: '2024-04-02', score: 6, band: 'mild' },
    });
    expect(keyScoreOf([single])).toMatchObject({ score: 6, change: null, since: null });
    expect(keyScoreOf([phq9Trend({ latest: null })])).toBeNull();
    expect(keyScoreOf([])).toBeNull();
  });
});

describe('most severe prompt', () => {
  it('takes the first prompt of the highest severity', () => {
    const prompts = [
      prompt({ id: 'a', indicator: 'info' }),
      prompt({ id: 'b', indicator: 'warning' }),
      prompt({ id: 'c', indicator: 'critical' }),
      prompt({ id: 'd', indicator: 'critical' }),
    ];
    expect(mostSeverePrompt(prompts)?.id).toBe('c');
    expect(mostSeverePrompt(prompts.slice(0, 2))?.id).toBe('b');
    expect(mostSeverePrompt([])).toBeNull();
  });
});

describe('safety plan state', () => {
  it.each([
    ['missing', 'missing'],
    ['incomplete', 'incomplete'],
    ['review-due', 'due'],
    ['complete', 'current'],
  ] as const)('%s is %s', (status, state) => {
    expect(safetyPlanGlance(status)).toBe(state);
  });
});

describe('the glance', () => {
  it('counts critical prompts with current critical items, and warnings apart', () => {
    const glance = glanceOf(
      content({
        prompts: [
          prompt({ id: 'qt', indicator: 'critical', summary: 'QTc over 500 ms' }),
          prompt({ id: 'w1', indicator: 'warning' }),
          prompt({ id: 'w2', indicator: 'warning' }),
          prompt({ id: 'i', indicator: 'info' }),
        ],
        safetyPlan: { status: 'review-due', missing: [] },
      }),
      [{ instrument: 'PHQ-9', date: '2024-04-02', item: 'PHQ-9 item 9', value: 1 }],
    );
    expect(glance).toMatchObject({
      initials: 'AQ',
      critical: 2,
      warning: 2,
      safetyPlan: 'due',
      topPrompt: { indicator: 'critical', summary: 'QTc over 500 ms' },
      keyScore: { instrument: 'PHQ-9', score: 6, change: -12, since: '2024-01-10' },
    });
  });

  it('says nothing is open when no prompt fired', () => {
    const glance = glanceOf(content({ prompts: [] }), []);
    expect(glance).toMatchObject({ critical: 0, warning: 0, topPrompt: null });
  });
});
