import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useFetcher, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps } from "~/components/form-field";
import { translateError } from "~/lib/forms";
import type { FieldErrors } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import { checkUscc } from "~/lib/uscc";
import type { InvestorFormValues } from "../investors.schema";
import { createInvestorSchema, MAX_CONTACTS, toHalfWidth, updateInvestorSchema } from "../investors.schema";
import type { InvestorMatch } from "../matches";
import { InvestorMatches } from "./investor-matches";

type Props = {
  mode: "create" | "edit";
  defaults: InvestorFormValues;
  serverErrors?: FieldErrors;
  /** The investor a refused code or name belongs to, linked from the message. */
  existing?: { id: number; name: string } | null;
  /** The duplicate check's answer from the server (the form without JavaScript). */
  matches?: InvestorMatch[] | null;
  /** Contacts used by projects or activities: they stay, so they get no remove button. */
  contactsInUse?: number[];
  version?: number;
  cancelTo: string;
};

const CONTACT_COLUMNS = [
  ["name", "investors.contactName"],
  ["title", "investors.contactTitle"],
  ["mobile", "investors.contactMobile"],
  ["email", "investors.contactEmail"],
  ["notes", "investors.contactNotes"],
] as const;

/**
 * Register or edit an investor with its contacts. A plain POST that works without JavaScript (adding and removing
 * contact rows are submit buttons the server answers); react-hook-form runs the same zod schema first, and on a new
 * investor the zone's same or similar investors appear as the user types.
 */
export function InvestorForm({ mode, defaults, serverErrors, existing, matches, contactsInUse = [], version, cancelTo }: Props) {
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useForm<InvestorFormValues>({
    resolver: zodResolver(mode === "create" ? createInvestorSchema : updateInvestorSchema) as never,
    // Validate on submit, then as the user corrects: a message appearing on blur shifts the layout under the click.
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: { ...defaults, version: version === undefined ? undefined : String(version) },
  });
  // The rows carry the contact's own `id`: the array's React key needs another name.
  const contacts = useFieldArray({ control: form.control, name: "contacts", keyName: "key" });
  const errorOf = (name: string) => (form.getFieldState(name as "name", form.formState).error?.message as string | undefined) ?? serverErrors?.[name];

  // Live duplicate check: who already follows this investor, asked a moment after the user stops typing.
  const fetcher = useFetcher<{ matches: InvestorMatch[] }>();
  const load = fetcher.load;
  const name = (form.watch("name") ?? "").trim();
  const uscc = toHalfWidth(form.watch("uscc") ?? "").replace(/\s+/g, "").toUpperCase();
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

  const text = (field: "name" | "uscc" | "region" | "industry" | "website", props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormField id={field} label={t(`investors.${field}`)} error={errorOf(field)}>
      <input id={field} defaultValue={defaults[field] ?? ""} {...props} {...form.register(field)} {...invalidProps(field, errorOf(field))} />
    </FormField>
  );

  return (
    <Form
      method="post"
      noValidate
      onSubmit={(event) => {
        const el = event.currentTarget;
        // The confirm button's name and value must reach the server as they would without JavaScript.
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void form.handleSubmit(() => submit(submitter ?? el))(event);
      }}
    >
      <CsrfInput />
      {/* Enter in a field submits with the form's first button: make that "save", not a row's "remove". */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true" />
      {mode === "edit" ? <input type="hidden" defaultValue={String(version ?? "")} {...form.register("version")} /> : null}
      {serverErrors?._form ? (
        <div className="flash error" role="alert">
          {translateError(t, serverErrors._form)}
        </div>
      ) : null}
      {existing ? (
        <div className="flash error" role="alert">
          {translateError(t, serverErrors?.uscc ?? serverErrors?.name ?? "")}{" "}
          <Link to={`/investors/${existing.id}`}>{t("investors.viewExisting")} →</Link>
        </div>
      ) : null}
      {mode === "create" ? (
        <div aria-live="polite">
          <InvestorMatches matches={shownMatches} uscc={usccComplete ? uscc : undefined} confirmable />
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
        <FormField id="notes" label={t("investors.notes")} error={errorOf("notes")}>
          <textarea id="notes" rows={2} className="wide" defaultValue={defaults.notes ?? ""} {...form.register("notes")} />
        </FormField>
      </section>

      <section className="panel">
        <h2>{t("investors.contacts")}</h2>
        {errorOf("contacts") ? (
          <p className="field-error" role="alert">
            {translateError(t, errorOf("contacts")!)}
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
                    const id = `contacts-${index}-${field}`;
                    const error = errorOf(name);
                    return (
                      <td key={field} data-label={t(label)}>
                        {field === "name" ? <input type="hidden" defaultValue={row.id ?? ""} {...form.register(`contacts.${index}.id`)} /> : null}
                        <input
                          id={id}
                          aria-label={t("investors.contactField", { n: index + 1, field: t(label) })}
                          defaultValue={row[field] ?? ""}
                          inputMode={field === "mobile" ? "tel" : field === "email" ? "email" : undefined}
                          {...form.register(name)}
                          {...invalidProps(id, error)}
                        />
                        {error ? (
                          <p className="field-error" id={`${id}-error`} role="alert">
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
    </Form>
  );
}
