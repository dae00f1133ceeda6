/** Valproate (valproic acid, divalproex): fetal risk outside pregnancy, and liver / blood tests. */
import { isPregnant } from '../conditions';
import type { MonitoringKind } from '../types';
import {
  ageEvidence,
  daysAgo,
  isOverdue,
  labEvidence,
  latestMonitoring,
  medicationEvidence,
  startOf,
  withIngredient,
} from './facts';
import { LABELS } from './sources';
import { type EvidenceLine, messageKey, type Rule } from './types';

export const FDA_VALPROATE_2013 = {
  label:
    'Valproate prescribing information, boxed warning (FDA DSC May 6 2013) and the MHRA Pregnancy Prevention Programme: fetal risk; effective contraception',
  url: LABELS.divalproex,
};

export const VALPROATE_RULES: Rule[] = [
  {
    id: 'valproate-childbearing-potential',
    family: 'valproate',
    category: 'interaction',
    indicator: 'warning',
    source: FDA_VALPROATE_2013,
    status: 'verified',
    thresholds: { minAge: 12, maxAge: 50 },
    evaluate(facts) {
      const valproate = withIngredient(facts, 'valproic acid')[0];
      const { age } = facts;
      if (!valproate || facts.context.identity.sex !== 'female' || age === null) return null;
      if (age < (facts.thresholds.minAge ?? 12) || age > (facts.thresholds.maxAge ?? 50))
        return null;
      if (isPregnant(facts.context)) return null;
      return {
        params: { drug: valproate.name },
        evidence: [
          medicationEvidence(valproate),
          { key: 'ruleEvidenceSexFemale' },
          ageEvidence(age),
        ],
      };
    },
  },
  {
    id: 'valproate-labs-due',
    family: 'valproate',
    category: 'monitoring',
    indicator: 'info',
    source: {
      label:
        'Valproate label; AACAP 2007: LFTs and CBC with platelets at baseline, then every 3–6 months',
      url: LABELS.divalproex,
    },
    status: 'secondary',
    thresholds: { labsDays: 180, baselineWindowDays: 30 },
    evaluate(facts) {
      const valproate = withIngredient(facts, 'valproic acid')[0];
      if (!valproate) return null;
      const start = startOf(valproate);
      const since = start ? daysAgo(start, facts.thresholds.baselineWindowDays ?? 30) : null;
      const groups: Array<[MonitoringKind, MonitoringKind[]]> = [
        ['lft', ['lft', 'alt', 'ast']],
        ['cbc', ['cbc', 'platelets', 'wbc']],
      ];
      const due: MonitoringKind[] = [];
      const evidence: EvidenceLine[] = [medicationEvidence(valproate)];
      for (const [name, kinds] of groups) {
        const latest = latestMonitoring(facts.context, kinds, facts.now);
        if (isOverdue(latest, facts.now, facts.thresholds.labsDays ?? 180, since)) {
          due.push(name);
          evidence.push(labEvidence(latest?.kind ?? name, latest));
        }
      }
      if (due.length === 0) return null;
      return {
        params: { labs: { messageList: due.map((kind) => messageKey('ruleLab', kind)) } },
        evidence,
      };
    },
  },
];
