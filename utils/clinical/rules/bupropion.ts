/** Bupropion: seizure-threshold contraindications (eating disorders, seizure disorder) and dose ceiling. */
import { type ConditionGroup, hasCondition } from '../conditions';
import { conditionEvidence, medicationEvidence, withIngredient } from './facts';
import { LABELS } from './sources';
import { defineRule, messageKey, type Rule } from './types';

const BUPROPION_LABEL = {
  label:
    'Bupropion prescribing information: contraindications (seizure disorder, bulimia or anorexia), max 450 mg/day',
  url: LABELS.bupropion,
};

function conditionRule(id: string, groups: ConditionGroup[], indicator: Rule['indicator']): Rule {
  return defineRule({
    id,
    family: 'bupropion',
    category: 'interaction',
    indicator,
    source: BUPROPION_LABEL,
    status: 'secondary',
    evaluate(facts) {
      const bupropion = withIngredient(facts, 'bupropion')[0];
      const group = groups.find((candidate) => hasCondition(facts.context, candidate));
      if (!bupropion || !group) return null;
      return {
        params: { condition: { message: messageKey('conditionGroup', group) } },
        evidence: [medicationEvidence(bupropion), conditionEvidence(group)],
      };
    },
  });
}

export const BUPROPION_RULES: Rule[] = [
  conditionRule(
    'bupropion-eating-disorder',
    ['anorexia', 'bulimia', 'eating-disorder'],
    'critical',
  ),
  conditionRule('bupropion-seizure-disorder', ['seizure-disorder'], 'critical'),
  defineRule({
    id: 'bupropion-max-dose',
    family: 'bupropion',
    category: 'interaction',
    indicator: 'warning',
    source: BUPROPION_LABEL,
    status: 'secondary',
    thresholds: { maxDailyMg: 450 },
    evaluate(facts) {
      const bupropion = withIngredient(facts, 'bupropion')[0];
      const dose = bupropion?.entry.dailyDoseMg ?? null;
      const limit = facts.thresholds.maxDailyMg;
      if (!bupropion || dose === null || dose <= limit) return null;
      return { params: { dose, limit }, evidence: [medicationEvidence(bupropion)] };
    },
  }),
];
