// The cell rules of format v1 are in shared/domain/rules/cell.rules.ts. This
// module only keeps the names shared/publication/candidates-file.ts imports.
import { CELL_RULES, nameBreach, type NameRuleCode } from '../domain/rules/cell.rules.js';

/** The name cells' schemas. */
export const RowSchema = {
  shape: { nom: CELL_RULES.nom.schema, prenoms: CELL_RULES.prenoms.schema },
};

/** The code of the most useful thing to say about a name cell that failed its schema. */
export const nameIssue = (value: string): NameRuleCode => nameBreach(value).code;
