// Every rule mlq reports, validation and link rules alike, with what the help, the README and SARIF say of it.
import { LINK_RULES } from '../links/verdict.js';
import type { Severity } from '../model.js';
import { RULES } from '../rules/index.js';

export interface RuleDoc {
  id: string;
  severity: Severity;
  description: string;
  hint: string;
}

export const RULE_DOCS: readonly RuleDoc[] = [
  ...RULES.map(({ id, severity, description, hint }) => ({ id, severity, description, hint })),
  ...Object.entries(LINK_RULES).map(([id, rule]) => ({ id, ...rule })),
];
