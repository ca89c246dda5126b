import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { CsrfInput } from "~/components/csrf-input";
import { FormField, invalidProps, registerCheckbox, registerField } from "~/components/form-field";
import { translateError } from "~/lib/forms";
import { INVESTMENT_TYPES, SOURCE_CHANNELS } from "~/lib/domain-values";
import type { FieldErrors, FormValues } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import type { InvestorFollower } from "../followers";
import { createProjectSchema, updateProjectSchema } from "../project-form.schema";

export type ProjectFormOptions = {
  clusters: { id: number; name: string }[];
  owners: { id: number; name: string }[];
  investorNames: string[];
  contacts: { id: number; name: string; title: string | null }[];
};

type Props = {
  mode: "create" | "edit";
  options: ProjectFormOptions;
  defaults: Record<string, string | boolean | undefined>;
  serverErrors?: FieldErrors;
  followers?: InvestorFollower[];
  /** Managers pick the owner; staff own what they create. */
  canPickOwner: boolean;
  /** The contracted figure is asked for from signing on. */
  showContracted: boolean;
  version?: number;
};

const str = (v: string | string[] | boolean | undefined) => (Array.isArray(v) ? v[0] : typeof v === "boolean" ? v : (v ?? ""));

/** The project form: a plain POST that works without JavaScript; react-hook-form checks the same zod schema first. */
export function ProjectForm({ mode, options, defaults, serverErrors, followers, canPickOwner, showContracted, version }: Props) {
  const t = useT();
  const submit = useSubmit();
  const navigation = useNavigation();
  const form = useForm<Record<string, unknown>>({
    resolver: zodResolver(mode === "create" ? createProjectSchema : updateProjectSchema) as never,
    // Validate on submit, then as the user corrects: a message appearing on blur shifts the layout under the click.
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: { ...Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, str(v)])), version: String(version ?? "") },
  });
  const errorOf = (name: string) => (form.formState.errors[name]?.message as string | undefined) ?? serverErrors?.[name];
  const field = (name: string, label: string, input: React.ReactNode) => (
    <FormField id={name} label={label} error={errorOf(name)}>
      {input}
    </FormField>
  );
  const text = (name: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} {...props} {...registerField(form, name)} {...invalidProps(name, errorOf(name))} />
  );
  const money = (name: string) => text(name, { inputMode: "decimal", className: "num-input" });

  return (
    <Form
      method="post"
      noValidate
      onSubmit={(event) => {
        const el = event.currentTarget;
        void form.handleSubmit(() => submit(el))(event);
      }}
    >
      <CsrfInput />
      {mode === "edit" ? <input type="hidden" {...registerField(form, "version")} /> : null}
      {defaults.investorId ? <input type="hidden" name="investorId" value={String(defaults.investorId)} /> : null}
      {serverErrors?._form ? (
        <div className="flash error" role="alert">
          {translateError(t, serverErrors._form)}
        </div>
      ) : null}
      {followers?.length ? (
        <div className="flash warn" role="alert">
          <p>{t("projects.followers")}</p>
          <ul>
            {followers.map((f, i) => (
              <li key={i}>{t("projects.followerLine", { company: f.company, owner: f.owner ?? "—" })}</li>
            ))}
          </ul>
          <label className="checkbox">
            <input type="checkbox" name="confirmedFollowers" value="on" /> {t("projects.followersConfirm")}
          </label>
        </div>
      ) : null}

      <section className="panel">
        <h2>{t("projects.basics")}</h2>
        <div className="form-grid">
          {field("name", t("projects.name"), text("name"))}
          {field(
            "investorName",
            t("projects.investor"),
            <>
              {text("investorName", { list: "investor-names", autoComplete: "off", placeholder: t("projects.investorHint") })}
              <datalist id="investor-names">
                {options.investorNames.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
            </>,
          )}
          {field(
            "clusterId",
            t("projects.cluster"),
            <select id="clusterId" {...registerField(form, "clusterId")} {...invalidProps("clusterId", errorOf("clusterId"))}>
              <option value="">{t("projects.clusterPick")}</option>
              {options.clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>,
          )}
          {field(
            "sourceChannel",
            t("projects.sourceChannel"),
            <select id="sourceChannel" {...registerField(form, "sourceChannel")}>
              <option value="">—</option>
              {SOURCE_CHANNELS.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {field(
            "investmentType",
            t("projects.investmentType"),
            <select id="investmentType" {...registerField(form, "investmentType")}>
              <option value="">—</option>
              {INVESTMENT_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`investmentType.${s}`)}
                </option>
              ))}
            </select>,
          )}
          {options.contacts.length
            ? field(
                "investorContactId",
                t("projects.contact"),
                <select id="investorContactId" {...registerField(form, "investorContactId")}>
                  <option value="">—</option>
                  {options.contacts.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.title ? `（${c.title}）` : ""}
                    </option>
                  ))}
                </select>,
              )
            : null}
          {canPickOwner
            ? field(
                "ownerId",
                t("projects.ownerPick"),
                <select id="ownerId" {...registerField(form, "ownerId")}>
                  <option value="">—</option>
                  {options.owners.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>,
              )
            : null}
        </div>
        {field(
          "content",
          t("projects.content"),
          <textarea id="content" rows={3} className="wide" {...registerField(form, "content")} {...invalidProps("content", errorOf("content"))} />,
        )}
        <label className="checkbox">
          <input type="checkbox" {...registerCheckbox(form, "confidential")} value="on" /> {t("projects.confidential")}
        </label>
      </section>

      <section className="panel">
        <h2>{t("projects.economics")}</h2>
        <div className="form-grid">
          {field("plannedInvestmentWan", t("projects.plannedInvestment"), money("plannedInvestmentWan"))}
          {showContracted ? field("contractedInvestmentWan", t("projects.contractedInvestment"), money("contractedInvestmentWan")) : null}
          {field("fixedAssetInvestmentWan", t("projects.fixedAsset"), money("fixedAssetInvestmentWan"))}
          {field("foreignInvestmentUsdWan", t("projects.foreignInvestment"), money("foreignInvestmentUsdWan"))}
          {field("landMu", t("projects.land"), money("landMu"))}
          {field("annualOutputWan", t("projects.annualOutput"), money("annualOutputWan"))}
          {field("annualTaxWan", t("projects.annualTax"), money("annualTaxWan"))}
          {field("jobs", t("projects.jobs"), text("jobs", { inputMode: "numeric" }))}
        </div>
      </section>

      <section className="panel">
        <h2>{t("projects.plannedDates")}</h2>
        <div className="form-grid">
          {field("plannedSignOn", t("projects.plannedSign"), text("plannedSignOn", { type: "date" }))}
          {field("plannedConstructionOn", t("projects.plannedConstruction"), text("plannedConstructionOn", { type: "date" }))}
          {field("plannedProductionOn", t("projects.plannedProduction"), text("plannedProductionOn", { type: "date" }))}
        </div>
        {field("note", t("projects.note"), <textarea id="note" rows={2} className="wide" {...registerField(form, "note")} />)}
      </section>

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
        <Link to=".." relative="path" className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}

/** Turns what the user submitted back into form defaults (kept after a refusal or a conflict). */
export function valuesToDefaults(values: FormValues | undefined): Record<string, string | boolean | undefined> {
  if (!values) return {};
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, k === "confidential" ? v === "on" : Array.isArray(v) ? v[0] : v]),
  );
}
