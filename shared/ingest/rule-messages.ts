// Every rule of a decision file carries its own message, in shared/domain/rules.
// This module only keeps the look-up shared/publication/candidates-file.ts uses.
import type { RuleMessage } from '../domain/rules/breach.js';
import { NAME_RULES, type NameRuleCode } from '../domain/rules/cell.rules.js';

export function ruleMessage(code: NameRuleCode): RuleMessage {
  return NAME_RULES[code];
}
