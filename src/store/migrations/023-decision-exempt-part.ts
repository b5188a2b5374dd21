// Issue 13: a decision taken in private (on an exempt item) is still a public Record of Decision (2012 Regulations,
// regs 12-13 and 20), with the exempt information left out. The paragraphs of Schedule 12A it cited are part of the
// public record (on the decision); the exempt part itself lives in a table of its own, so no query of the decision
// row (`selectAll`) can carry it anywhere: it is read only through `decisionExemptPartFor`, which asks the one rule.
import type { Kysely } from 'kysely';
import { int, notNull, text, type Dialect } from './helpers.js';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('decision').addColumn('exempt_paragraphs', text, (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createTable('decision_exempt_part')
    .addColumn('decision_id', int, (c) => c.primaryKey().references('decision.id'))
    .addColumn('text', text, notNull)
    .addColumn('created_at', text, notNull)
    .execute();
}
