// The optimistic lock's answer for project writes: when a newer version was saved first, who saved it, when, and
// (for an edit) the fields where the user's input differs from what is now saved. Edits and stage moves share it.
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "~db/index";
import { auditLog, projects, users } from "~db/schema";
import type { ProjectStage } from "~/lib/domain-values";
import { compareDecimal } from "~/lib/form-fields";
import type { Conflict } from "~/lib/result";
import { conflict } from "~/lib/result";
import type { EditableField } from "./project-form.schema";
import { EDITABLE_FIELDS } from "./project-form.schema";

/** Someone saved first: the form shows who and when, and keeps the user's input over the newer version. */
export type ProjectConflict = {
  by: string | null;
  at: string | null;
  version: number;
  stage: ProjectStage;
  /** For an edit: the fields where the user's input differs from what is now saved. */
  fields: { field: EditableField; theirs: unknown; yours: unknown }[];
};

const DECIMAL_FIELDS = new Set<EditableField>([
  "plannedInvestmentWan",
  "contractedInvestmentWan",
  "foreignInvestmentUsdWan",
  "fixedAssetInvestmentWan",
  "landMu",
  "annualOutputWan",
  "annualTaxWan",
  "voltageKv",
]);

function sameValue(field: EditableField, a: unknown, b: unknown) {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  if (DECIMAL_FIELDS.has(field)) return compareDecimal(String(x), String(y)) === 0;
  return x === y;
}

/** Who last changed a project and when, from its audit rows. */
async function lastChange(db: Executor, projectId: number) {
  const actor = alias(users, "actor");
  const [row] = await db
    .select({ by: actor.displayName, at: auditLog.at })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "project"), eq(auditLog.entityId, projectId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  return { by: row?.by ?? null, at: row?.at.toISOString() ?? null };
}

/** The conflict answer when someone saved first: who, when, what is saved now and (with `yours`) where it differs. */
export async function projectConflict(db: Executor, projectId: number, yours?: Record<string, unknown>): Promise<Conflict<ProjectConflict>> {
  const [current] = await db.select().from(projects).where(eq(projects.id, projectId));
  const who = await lastChange(db, projectId);
  const fields = yours ? conflictingFields(current, yours) : [];
  return conflict({ ...who, version: current.version, stage: current.stage, fields });
}

/** For the conflict screen: the fields where the user's input differs from what is now saved. */
function conflictingFields(current: Record<string, unknown>, input: Record<string, unknown>) {
  return EDITABLE_FIELDS.filter((f) => !sameValue(f, current[f], input[f])).map((field) => ({
    field,
    theirs: current[field] ?? null,
    yours: input[field] ?? null,
  }));
}
