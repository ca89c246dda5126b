// Checks every row of an import against the template and the zone's reference data before anything is written.
// Pure: the caller hands over the zone's clusters, companies and users; every problem becomes { row, column, message }.
import { isIsoDate } from "~/lib/dates";
import type { ProjectStage, ProjectStatus, SourceChannel } from "~/lib/domain-values";
import { PROJECT_STAGES, PROJECT_STATUSES, SOURCE_CHANNELS } from "~/lib/domain-values";
import type { MessageKey, Translate } from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n";
import { checkUscc, describeUsccProblem } from "~/lib/uscc";
import { isCompanyRole } from "~/modules/auth/policy";
import type { DateKey, TemplateKey } from "./import-template";
import { chineseHeader, columnLabelKey, DATE_KEYS, REQUIRED_KEYS, TEMPLATE_KEYS } from "./import-template";
import type { Sheet, SheetCell } from "./read-sheet";

/** One problem of a file: its row (the header is row 1), column and reason. */
export type ImportRowError = { row: number; column: string; message: string };

export type ImportContext = {
  clusters: { id: number; name: string }[];
  companies: { id: number; name: string; shortName: string; kind: string; clusterId: number | null }[];
  users: { id: number; login: string; displayName: string; companyId: number | null; role: string; disabled: boolean }[];
  /** The links of every cluster's chain (产业链环节 names a row's links, within its cluster's chain), in chain order. */
  chainLinks: { id: number; clusterId: number; name: string }[];
  /** The company every row must belong to (a manager's own, or the one an admin chose); null: any of the zone. */
  targetCompanyId: number | null;
};

/** A row that passed every check, with references resolved to ids. */
export type ImportRow = {
  row: number;
  code: string | null;
  name: string;
  investorName: string;
  uscc: string | null;
  clusterId: number;
  /** The chain links the row names (empty: none). */
  chainLinkIds: number[];
  companyId: number;
  ownerId: number | null;
  sourceChannel: SourceChannel | null;
  totalInvestmentWan: string | null;
  stage: ProjectStage;
  status: ProjectStatus;
  contactedOn: string | null;
  signedOn: string | null;
  constructionOn: string | null;
  productionOn: string | null;
  note: string | null;
};

/** `columns`: the template columns the file has (an update leaves the others as they are). */
export type CheckResult = { rows: ImportRow[]; errors: ImportRowError[]; columns: TemplateKey[] };

const MAX_TEXT = { code: 40, name: 200, investor: 200, note: 2000 } as const;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.\-/]*$/;

// ---------------------------------------------------------------------------------------------------------------
// Cells

const text = (cell: SheetCell): string => {
  if (cell == null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** Rounds a decimal string half away from zero to two places, exactly (by its digits). */
function roundTwo(digits: string): string {
  const negative = digits.startsWith("-");
  const [int, frac = ""] = digits.replace("-", "").split(".");
  let cents = BigInt(int + (frac + "00").slice(0, 2));
  if ((frac[2] ?? "0") >= "5") cents += 1n;
  const s = cents.toString().padStart(3, "0");
  const out = `${s.slice(0, -2)}.${s.slice(-2)}`;
  return negative && cents !== 0n ? `-${out}` : out;
}

/** 万元 with at most 14 integer digits (numeric(16,2)). */
const MAX_INT_DIGITS = 14;

export type MoneyResult = { ok: true; value: string | null } | { ok: false; key: MessageKey };

/**
 * Money in 万元 as an exact two-place decimal string. Text: "1234.5", "1,234.50" (thousands separators where they
 * belong), at most two decimals. An XLSX number is taken by its shortest decimal form and rounded to two places.
 */
export function parseMoney(cell: SheetCell): MoneyResult {
  if (cell == null) return { ok: true, value: null };
  if (cell instanceof Date) return { ok: false, key: "import.error.money" };
  let digits: string;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return { ok: false, key: "import.error.money" };
    const shortest = String(cell);
    if (/e-/.test(shortest)) digits = "0";
    else if (/e\+/.test(shortest)) return { ok: false, key: "import.error.moneyTooLarge" };
    else digits = shortest;
    if (digits.startsWith("-")) return { ok: false, key: "import.error.moneyNegative" };
    digits = roundTwo(digits);
  } else {
    const raw = cell.trim().replace(/[\s\u00a0]/g, "");
    if (raw === "") return { ok: true, value: null };
    if (raw.startsWith("-")) return { ok: false, key: "import.error.moneyNegative" };
    if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(raw)) return { ok: false, key: "import.error.money" };
    const plain = raw.replace(/,/g, "");
    const frac = plain.split(".")[1] ?? "";
    if (frac.length > 2) return { ok: false, key: "import.error.moneyDecimals" };
    digits = roundTwo(plain);
  }
  const int = digits.split(".")[0].replace(/^0+(?=\d)/, "");
  if (int.length > MAX_INT_DIGITS) return { ok: false, key: "import.error.moneyTooLarge" };
  return { ok: true, value: `${int}.${digits.split(".")[1]}` };
}

/** Excel's serial day numbers count from 1899-12-30 (the 1900 system, with its leap-year quirk folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export type DateResult = { ok: true; value: string | null } | { ok: false };

/**
 * A calendar date as YYYY-MM-DD. Text: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 (年月日 as \u escapes below). An XLSX date cell arrives
 * as the wall-clock date at UTC midnight (ExcelJS), so its UTC fields are the date typed, in any time zone.
 */
export function parseDate(cell: SheetCell): DateResult {
  if (cell == null) return { ok: true, value: null };
  let y: number;
  let m: number;
  let d: number;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false };
    y = cell.getUTCFullYear();
    m = cell.getUTCMonth() + 1;
    d = cell.getUTCDate();
  } else if (typeof cell === "number") {
    // A date typed into a cell without a date format: Excel's day number.
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return { ok: false };
    const date = new Date(EXCEL_EPOCH + cell * 86_400_000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  } else {
    const raw = cell.trim();
    if (raw === "") return { ok: true, value: null };
    const match = /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|\u5e74(\d{1,2})\u6708(\d{1,2})\u65e5)$/.exec(raw);
    if (!match) return { ok: false };
    y = Number(match[1]);
    m = Number(match[2] ?? match[4]);
    d = Number(match[3] ?? match[5]);
  }
  const value = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  if (y < 1900 || y > 2199 || !isIsoDate(value)) return { ok: false };
  return { ok: true, value };
}

/** A stage, status or source by its Chinese label or its English name (either case). */
function labelLookup<T extends string>(values: readonly T[], prefix: string): (input: string) => T | undefined {
  const zh = messagesFor("zh") as Record<string, string>;
  const en = messagesFor("en") as Record<string, string>;
  const map = new Map<string, T>();
  for (const v of values) {
    map.set(v.toLowerCase(), v);
    map.set(zh[`${prefix}.${v}`], v);
    map.set(en[`${prefix}.${v}`].toLowerCase(), v);
  }
  return (input) => map.get(input.trim().toLowerCase()) ?? map.get(input.trim());
}

export const findStage = labelLookup(PROJECT_STAGES, "stage");
export const findStatus = labelLookup(PROJECT_STATUSES, "status");
export const findSource = labelLookup(SOURCE_CHANNELS, "source");

// ---------------------------------------------------------------------------------------------------------------
// Header

/** The column each header names, by its Chinese template name or its English key. */
export function mapHeader(header: string[], t: Translate): { columns: (TemplateKey | null)[]; errors: ImportRowError[] } {
  const byName = new Map<string, TemplateKey>();
  for (const key of TEMPLATE_KEYS) {
    byName.set(chineseHeader(key), key);
    byName.set(key, key);
  }
  // Excel users write the brackets either way: 总投资（万元）.
  const normal = (h: string) => h.replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");
  const errors: ImportRowError[] = [];
  const seen = new Set<TemplateKey>();
  const columns = header.map((h) => {
    if (h === "") return null;
    const key = byName.get(normal(h)) ?? byName.get(normal(h).toLowerCase());
    if (!key) {
      errors.push({ row: 1, column: h, message: t("import.error.unknownColumn", { name: h }) });
      return null;
    }
    if (seen.has(key)) {
      errors.push({ row: 1, column: h, message: t("import.error.duplicateColumn", { name: h }) });
      return null;
    }
    seen.add(key);
    return key;
  });
  for (const key of REQUIRED_KEYS) {
    if (!seen.has(key)) errors.push({ row: 1, column: t(columnLabelKey(key)), message: t("import.error.missingColumn") });
  }
  return { columns, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

const STAGE_INDEX = Object.fromEntries(PROJECT_STAGES.map((s, i) => [s, i])) as Record<ProjectStage, number>;

/** The stage whose date each date column records. */
export const DATE_STAGE: Record<DateKey, ProjectStage> = {
  contacted_on: "contacted",
  signed_on: "signed",
  construction_on: "construction",
  production_on: "production",
};
/** Reaching these stages needs their date in the file; a first-contact date may be unknown for old projects. */
const DATE_REQUIRED: DateKey[] = ["signed_on", "construction_on", "production_on"];

export const stageReached = (stage: ProjectStage, of: ProjectStage) => STAGE_INDEX[stage] >= STAGE_INDEX[of];

type ContextUser = ImportContext["users"][number];

type Lookups = {
  cluster: (name: string) => ImportContext["clusters"][number] | undefined;
  company: (name: string) => ImportContext["companies"][number] | undefined;
  clusterCompany: Map<number, ImportContext["companies"][number]>;
  user: (login: string) => ContextUser | undefined;
  /** The people a project of the company may be given to (active company staff and managers). */
  owners: (companyId: number) => ContextUser[];
  /** The links of a cluster's chain, in chain order. */
  chainLinks: (clusterId: number) => ImportContext["chainLinks"];
};

/** The labels a person may type into a column, as an error message lists them ("可选：…"). */
const ALLOWED_SHOWN = 30;
export function allowedList(values: readonly string[], t: Translate): string {
  const shown = values.slice(0, ALLOWED_SHOWN).join("、");
  return values.length > ALLOWED_SHOWN ? t("import.error.allowedMore", { list: shown, count: values.length }) : shown;
}
const zhLabels = (prefix: string, values: readonly string[]) => {
  const zh = messagesFor("zh") as Record<string, string>;
  return values.map((v) => zh[`${prefix}.${v}`]);
};
export const STAGE_LABELS = zhLabels("stage", PROJECT_STAGES);
export const STATUS_LABELS = zhLabels("status", PROJECT_STATUSES);
export const SOURCE_LABELS = zhLabels("source", SOURCE_CHANNELS);

/** May this user own a project (the 负责人 column)? */
export const canOwnProjects = (user: ContextUser) => !user.disabled && isCompanyRole(user);

/** How the template's 负责人 dropdown writes a person: the name, with the login when someone else has that name. */
export function ownerChoice(user: ContextUser, among: readonly ContextUser[]): string {
  const namesakes = among.filter((u) => u.displayName === user.displayName && canOwnProjects(u));
  return namesakes.length > 1 ? `${user.displayName}（${user.login}）` : user.displayName;
}

export type OwnerResult = { ok: true; user: ContextUser } | { ok: false; key: MessageKey; params: Record<string, string | number> };

/**
 * The 负责人 cell: a display name of the row's company (a person reads names, not logins), or a login. Two people of
 * the company with that name: the login decides, and the message lists them.
 */
export function findOwner(input: string, company: ImportContext["companies"][number] | undefined, look: Lookups, t: Translate): OwnerResult {
  const owners = company ? look.owners(company.id) : [];
  // "王磊（bdt_s2）": the template's dropdown tells namesakes apart by login.
  const tagged = /^(.+?)\s*[（(]\s*([^（()）]+?)\s*[)）]$/.exec(input);
  if (tagged) {
    const user = look.user(tagged[2]);
    if (user && user.displayName === tagged[1]) return findOwner(user.login, company, look, t);
  }
  const named = owners.filter((u) => u.displayName === input);
  if (named.length === 1) return { ok: true, user: named[0] };
  if (company && named.length > 1) {
    const logins = named.map((u) => u.login).join("、");
    return { ok: false, key: "import.error.ownerAmbiguous", params: { company: company.name, name: input, count: named.length, logins } };
  }
  const user = look.user(input);
  if (user && canOwnProjects(user)) {
    if (company && user.companyId !== company.id)
      return { ok: false, key: "import.error.ownerCompany", params: { login: input, company: company.name } };
    return { ok: true, user };
  }
  if (!company) return { ok: false, key: "import.error.owner", params: { login: input } };
  return {
    ok: false,
    key: "import.error.ownerUnknown",
    params: {
      login: input,
      company: company.name,
      allowed: allowedList(
        owners.map((u) => u.displayName),
        t,
      ),
    },
  };
}

/** Link names in one cell are separated by 、 (as the export writes them), a comma, a semicolon or a line break. */
const LINK_SEPARATOR = /[、,，;；\n]+/;

export type ChainLinksResult = { ok: true; ids: number[] } | { ok: false; key: MessageKey; params: Record<string, string | number> };

/** 产业链环节: the links a project fills, by name, within its cluster's chain; the first unknown name is told the choices. */
export function findChainLinks(
  input: string,
  cluster: { name: string },
  links: readonly { id: number; name: string }[],
  t: Translate,
): ChainLinksResult {
  const names = [...new Set(input.split(LINK_SEPARATOR).map((n) => n.trim()))].filter((n) => n !== "");
  if (names.length && links.length === 0) return { ok: false, key: "import.error.chainNone", params: { cluster: cluster.name } };
  const ids: number[] = [];
  for (const name of names) {
    const link = links.find((l) => l.name === name);
    if (!link)
      return {
        ok: false,
        key: "import.error.chainLink",
        params: {
          cluster: cluster.name,
          name,
          allowed: allowedList(
            links.map((l) => l.name),
            t,
          ),
        },
      };
    ids.push(link.id);
  }
  return { ok: true, ids };
}

function lookups(ctx: ImportContext): Lookups {
  const clusters = new Map(ctx.clusters.map((c) => [c.name, c]));
  const companies = new Map<string, ImportContext["companies"][number]>();
  for (const c of ctx.companies) {
    companies.set(c.shortName, c);
    companies.set(c.name, c);
  }
  const clusterCompany = new Map<number, ImportContext["companies"][number]>();
  for (const c of ctx.companies)
    if (c.kind === "attraction" && c.clusterId !== null && !clusterCompany.has(c.clusterId)) clusterCompany.set(c.clusterId, c);
  const users = new Map(ctx.users.map((u) => [u.login.toLowerCase(), u]));
  const byCompany = new Map<number, ContextUser[]>();
  for (const u of ctx.users) {
    if (u.companyId === null || !canOwnProjects(u)) continue;
    byCompany.set(u.companyId, [...(byCompany.get(u.companyId) ?? []), u]);
  }
  const linksOf = new Map<number, ImportContext["chainLinks"]>();
  for (const l of ctx.chainLinks) linksOf.set(l.clusterId, [...(linksOf.get(l.clusterId) ?? []), l]);
  return {
    chainLinks: (clusterId) => linksOf.get(clusterId) ?? [],
    cluster: (name) => clusters.get(name),
    company: (name) => companies.get(name),
    clusterCompany,
    user: (login) => users.get(login.toLowerCase()),
    owners: (companyId) => byCompany.get(companyId) ?? [],
  };
}

function checkRow(
  cells: Partial<Record<TemplateKey, SheetCell>>,
  rowNumber: number,
  ctx: ImportContext,
  look: Lookups,
  t: Translate,
): { row?: ImportRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (key: TemplateKey, messageKey: MessageKey, params?: Record<string, string | number>) =>
    errors.push({ row: rowNumber, column: t(columnLabelKey(key)), message: t(messageKey, params) });
  const value = (key: TemplateKey) => text(cells[key] ?? null);

  for (const key of REQUIRED_KEYS) if (value(key) === "") fail(key, "import.error.required");

  const code = value("code") || null;
  if (code !== null && (code.length > MAX_TEXT.code || !CODE_PATTERN.test(code))) fail("code", "import.error.code", { max: MAX_TEXT.code });
  const name = value("name");
  if (name.length > MAX_TEXT.name) fail("name", "import.error.tooLong", { max: MAX_TEXT.name });
  const investorName = value("investor");
  if (investorName.length > MAX_TEXT.investor) fail("investor", "import.error.tooLong", { max: MAX_TEXT.investor });
  const note = value("note") || null;
  if (note && note.length > MAX_TEXT.note) fail("note", "import.error.tooLong", { max: MAX_TEXT.note });

  let uscc: string | null = null;
  if (value("uscc") !== "") {
    const checked = checkUscc(value("uscc"));
    if (checked.ok) uscc = checked.value;
    else fail("uscc", "import.error.asIs", { message: describeUsccProblem(checked.problem, t) });
  }

  const clusterName = value("cluster");
  const cluster = clusterName ? look.cluster(clusterName) : undefined;
  if (clusterName && !cluster)
    fail("cluster", "import.error.cluster", {
      name: clusterName,
      allowed: allowedList(
        ctx.clusters.map((c) => c.name),
        t,
      ),
    });

  let chainLinkIds: number[] = [];
  if (cluster && value("chain_links")) {
    const found = findChainLinks(value("chain_links"), cluster, look.chainLinks(cluster.id), t);
    if (found.ok) chainLinkIds = found.ids;
    else fail("chain_links", found.key, found.params);
  }

  let company: ImportContext["companies"][number] | undefined;
  const companyName = value("company");
  if (companyName) {
    company = look.company(companyName);
    if (!company || company.kind === "committee") fail("company", "import.error.company", { name: companyName });
  } else if (cluster) {
    company = look.clusterCompany.get(cluster.id);
    if (!company) fail("company", "import.error.noClusterCompany", { cluster: cluster.name });
  }
  if (company && company.kind !== "committee" && ctx.targetCompanyId !== null && company.id !== ctx.targetCompanyId) {
    fail("company", "import.error.otherCompany", { name: company.name });
  }

  let ownerId: number | null = null;
  const ownerInput = value("owner");
  if (ownerInput) {
    const found = findOwner(ownerInput, company && company.kind !== "committee" ? company : undefined, look, t);
    if (found.ok) ownerId = found.user.id;
    else fail("owner", found.key, found.params);
  }

  let sourceChannel: SourceChannel | null = null;
  if (value("source")) {
    sourceChannel = findSource(value("source")) ?? null;
    if (!sourceChannel) fail("source", "import.error.source", { name: value("source"), allowed: allowedList(SOURCE_LABELS, t) });
  }

  const money = parseMoney(cells.total_investment_wan ?? null);
  if (!money.ok) fail("total_investment_wan", money.key, { value: value("total_investment_wan") });

  let stage: ProjectStage = "lead";
  if (value("stage")) {
    const found = findStage(value("stage"));
    if (found) stage = found;
    else fail("stage", "import.error.stage", { name: value("stage"), allowed: allowedList(STAGE_LABELS, t) });
  }
  let status: ProjectStatus = "active";
  if (value("status")) {
    const found = findStatus(value("status"));
    if (found) status = found;
    else fail("status", "import.error.status", { name: value("status"), allowed: allowedList(STATUS_LABELS, t) });
  }

  const dates = {} as Record<DateKey, string | null>;
  for (const key of DATE_KEYS) {
    const parsed = parseDate(cells[key] ?? null);
    dates[key] = parsed.ok ? parsed.value : null;
    if (!parsed.ok) fail(key, "import.error.date", { value: value(key) });
  }
  // The dates agree with the stage: a reached stage has its date, a stage not reached has none; in order.
  const stageName = t(`stage.${stage}`);
  for (const key of DATE_KEYS) {
    const reached = stageReached(stage, DATE_STAGE[key]);
    const given = dates[key] !== null || value(key) !== "";
    if (reached && !given && DATE_REQUIRED.includes(key)) fail(key, "import.error.dateMissing", { stage: stageName });
    if (!reached && given) fail(key, "import.error.dateBeyondStage", { stage: stageName });
  }
  let previous: DateKey | null = null;
  for (const key of DATE_KEYS) {
    const current = dates[key];
    if (current === null) continue;
    if (previous && current < dates[previous]!) {
      fail(key, "import.error.dateOrder", { date: current, other: t(columnLabelKey(previous)), otherDate: dates[previous]! });
    }
    previous = key;
  }

  if (errors.length || !cluster || !company) return { errors };
  return {
    errors,
    row: {
      row: rowNumber,
      code,
      name,
      investorName,
      uscc,
      clusterId: cluster.id,
      chainLinkIds,
      companyId: company.id,
      ownerId,
      sourceChannel,
      totalInvestmentWan: money.ok ? money.value : null,
      stage,
      status,
      contactedOn: dates.contacted_on,
      signedOn: dates.signed_on,
      constructionOn: dates.construction_on,
      productionOn: dates.production_on,
      note,
    },
  };
}

/** Every row of the sheet checked; the file imports only when `errors` is empty. */
export function checkSheet(sheet: Sheet, ctx: ImportContext, t: Translate): CheckResult {
  const steps = checkSheetSteps(sheet, ctx, t, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * checkSheet as steps: pauses (yields) after every `slice` rows, so that a server can check a large sheet without
 * holding its event loop for the whole of it (import.server.ts); the result once done is checkSheet's.
 */
export function* checkSheetSteps(sheet: Sheet, ctx: ImportContext, t: Translate, slice: number): Generator<void, CheckResult> {
  const header = mapHeader(sheet.header, t);
  const columns = header.columns.filter((c): c is TemplateKey => c !== null);
  if (header.errors.length) return { rows: [], errors: header.errors, columns };
  const look = lookups(ctx);
  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const firstRowOfCode = new Map<string, number>();
  let sinceYield = 0;
  for (const { row, cells } of sheet.rows) {
    if (++sinceYield > slice) {
      sinceYield = 1;
      yield;
    }
    const byKey: Partial<Record<TemplateKey, SheetCell>> = {};
    header.columns.forEach((key, i) => {
      if (key) byKey[key] = cells[i] ?? null;
    });
    const checked = checkRow(byKey, row, ctx, look, t);
    errors.push(...checked.errors);
    const code = text(byKey.code ?? null);
    if (code) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        errors.push({ row, column: t(columnLabelKey("code")), message: t("import.error.duplicateCode", { code, first }) });
        continue;
      }
      firstRowOfCode.set(code, row);
    }
    if (checked.row) rows.push(checked.row);
  }
  return { rows, errors, columns };
}
