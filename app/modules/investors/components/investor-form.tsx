import { Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import type { ZodFormOptions } from "~/components/zod-form";
import { Field, TextField, useFieldRows, useZodForm, ZodForm } from "~/components/zod-form";
import { translateError } from "~/lib/forms";
import type { FormReply } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { checkUscc } from "~/lib/uscc";
import { createInvestorSchema, MAX_CONTACTS, toHalfWidth, updateInvestorSchema } from "../investors.schema";
import type { InvestorMatch, OtherZoneMatch } from "../matches";
import { InvestorMatches } from "./investor-matches";
import { OtherZonesWarning } from "./other-zones-warning";

type Props = {
  mode: "create" | "edit";
  defaults: ZodFormOptions<typeof updateInvestorSchema>["defaults"];
  /** The action's answer: a refusal, or (without JavaScript) the form with a contact row added or removed. */
  reply?: FormReply | null;
  /** The investor a refused code or name belongs to, linked from the message. */
  existing?: { id: number; name: string } | null;
  /** The duplicate check's answer from the server (the form without JavaScript). */
  matches?: InvestorMatch[] | null;
  /** Other zones following the same investor (masked: the zone only), from the server. */
  otherZones?: OtherZoneMatch[] | null;
  /** Contacts used by projects or activities: they stay, so they get no remove button. */
  contactsInUse?: number[];
  version?: number;
  cancelTo: string;
};

const CONTACT_COLUMNS = [
  ["name", "investors.contactName"],
  ["title", "investors.contactTitle"],
  ["mobile", "investors.contactMobile"],
  ["wechat", "investors.contactWechat"],
  ["email", "investors.contactEmail"],
  ["notes", "investors.contactNotes"],
] as const;

/**
 * Register or edit an investor with its contacts. A plain POST that works without JavaScript (adding and removing
 * contact rows are submit buttons the server answers); react-hook-form runs the same zod schema first, and on a new
 * investor the zone's same or similar investors appear as the user types.
 */
export function InvestorForm({ mode, defaults, reply, existing, matches, otherZones, contactsInUse = [], version, cancelTo }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(mode === "create" ? createInvestorSchema : updateInvestorSchema, { defaults, reply });
  const contacts = useFieldRows(f, "contacts");

  // Live duplicate check: who already follows this investor, asked a moment after the user stops typing.
  const fetcher = useFetcher<{ matches: InvestorMatch[]; otherZones: OtherZoneMatch[] }>();
  const load = fetcher.load;
  const name = String(f.watch("name") ?? "").trim();
  const uscc = toHalfWidth(String(f.watch("uscc") ?? ""))
    .replace(/\s+/g, "")
    .toUpperCase();
  const usccComplete = checkUscc(uscc).ok;
  const asking = mode === "create" && (name.length >= 2 || usccComplete);
  useEffect(() => {
    if (!asking) return;
    const query = new URLSearchParams({ name });
    if (usccComplete) query.set("uscc", uscc);
    const timer = setTimeout(() => load(`/api/investor-matches?${query}`), 350);
    return () => clearTimeout(timer);
  }, [asking, name, uscc, usccComplete, load]);
  const shownMatches = asking && fetcher.data ? fetcher.data.matches : (matches ?? []);
  const shownOtherZones = asking && fetcher.data ? fetcher.data.otherZones : (otherZones ?? []);

  const text = (
    field: "name" | "uscc" | "region" | "industry" | "website",
    props: Omit<React.InputHTMLAttributes<HTMLInputElement>, "form" | "name"> = {},
  ) => <TextField {...props} form={f} name={field} label={t(`investors.${field}`)} />;
  const serverError = reply?.errors.uscc ?? reply?.errors.name;

  return (
    <ZodForm form={f}>
      {/* Enter in a field submits with the form's first button: make that "save", not a row's "remove". */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true" />
      {mode === "edit" ? <input type="hidden" name="version" value={String(version ?? "")} /> : null}
      {existing ? (
        <div className="flash error" role="alert">
          {translateError(t, serverError ?? "")} <Link to={`/investors/${existing.id}`}>{t("investors.viewExisting")} →</Link>
        </div>
      ) : null}
      {mode === "create" ? (
        <div aria-live="polite">
          <InvestorMatches matches={shownMatches} uscc={usccComplete ? uscc : undefined} confirmable />
          <OtherZonesWarning otherZones={shownOtherZones} />
        </div>
      ) : null}

      <section className="panel">
        <h2>{t("investors.basics")}</h2>
        <div className="form-grid">
          {text("name", { autoComplete: "off" })}
          {text("uscc", { autoComplete: "off", maxLength: 24, className: "mono", placeholder: t("investors.usccHint") })}
          {text("region", { placeholder: t("investors.regionHint") })}
          {text("industry")}
          {text("website", { inputMode: "url" })}
        </div>
        <Field form={f} name="notes" label={t("investors.notes")}>
          <textarea rows={2} className="wide" {...f.field("notes")} />
        </Field>
      </section>

      <section className="panel">
        <h2>{t("investors.contacts")}</h2>
        {f.error("contacts") ? (
          <p className="field-error" role="alert">
            {translateError(t, f.error("contacts")!)}
          </p>
        ) : null}
        {/* An edit grid of registered inputs, not a list: it keeps its own markup but follows DataTable's card
            contract (data-label, class "cards"), so at phone width each contact is a card. */}
        <table className="data cards contacts-edit">
          <thead>
            <tr>
              {CONTACT_COLUMNS.map(([field, label]) => (
                <th key={field} scope="col" className={`col-${field}`}>
                  {t(label)}
                </th>
              ))}
              <th scope="col" className="actions-col">
                <span className="sr-only">{t("common.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {contacts.fields.length === 0 ? (
              <tr>
                <td colSpan={CONTACT_COLUMNS.length + 1} className="muted">
                  {t("investors.noContacts")}
                </td>
              </tr>
            ) : null}
            {contacts.fields.map((row, index) => {
              const savedId = row.id ? Number(row.id) : undefined;
              const locked = savedId !== undefined && contactsInUse.includes(savedId);
              return (
                <tr key={row.key}>
                  {CONTACT_COLUMNS.map(([field, label]) => {
                    const name = `contacts.${index}.${field}` as const;
                    const error = f.error(name);
                    return (
                      <td key={field} data-label={t(label)}>
                        {field === "name" ? <input type="hidden" {...f.field(`contacts.${index}.id`)} /> : null}
                        <input
                          aria-label={t("investors.contactField", { n: index + 1, field: t(label) })}
                          inputMode={field === "mobile" ? "tel" : field === "email" ? "email" : undefined}
                          {...f.field(name)}
                        />
                        {error ? (
                          <p className="field-error" id={`${f.id(name)}-error`} role="alert">
                            {translateError(t, error)}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                  <td className="actions-col" data-label="">
                    {locked ? (
                      <span className="muted small" title={t("investors.contactInUse")}>
                        {t("investors.contactLocked")}
                      </span>
                    ) : (
                      <button
                        type="submit"
                        name="removeContact"
                        value={index}
                        className="button small"
                        formNoValidate
                        onClick={(event) => {
                          event.preventDefault();
                          contacts.remove(index);
                        }}
                      >
                        {t("investors.removeContact")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {contacts.fields.length < MAX_CONTACTS ? (
          <p className="table-actions">
            <button
              type="submit"
              name="intent"
              value="add-contact"
              className="button small"
              formNoValidate
              onClick={(event) => {
                event.preventDefault();
                contacts.append({});
              }}
            >
              + {t("investors.addContact")}
            </button>
          </p>
        ) : null}
      </section>

      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button primary" disabled={navigation.state === "submitting"}>
          {mode === "create" ? t("investors.register") : t("common.save")}
        </button>
        <Link to={cancelTo} className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </ZodForm>
  );
}
