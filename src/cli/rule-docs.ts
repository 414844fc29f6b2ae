// Every rule mlq reports, validation and link rules alike, with what the help, the README and SARIF say of it.
import { LINK_RULES } from '../links/verdict.js';
import type { Severity } from '../model.js';
import { RULES } from '../rules/index.js';

export interface RuleDoc {
  id: string;
  severity: Severity;
  description: string;
  hint: string;
  /** Whether `mlq fix` can fix what it finds. */
  fixable: boolean;
}

export const RULE_DOCS: readonly RuleDoc[] = [
  ...RULES.map(({ id, severity, description, hint, fix }) => ({ id, severity, description, hint, fixable: Boolean(fix) })),
  ...Object.entries(LINK_RULES).map(([id, rule]) => ({ id, ...rule, fixable: false })),
];
