import { Combobox } from "~/components/combobox";
import { Link, useNavigation } from "@remix-run/react";
import type { ZodFormOptions } from "~/components/zod-form";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { INVESTMENT_TYPES, SOURCE_CHANNELS } from "~/lib/domain-values";
import type { FormReply } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";
import type { InvestorFollower } from "../followers";
import { createProjectSchema, updateProjectSchema } from "../project-form.schema";
import type { ChainLinkOption } from "./chain-link-picker";
import { ChainLinkPicker } from "./chain-link-picker";

export type ProjectFormOptions = {
  clusters: { id: number; name: string }[];
  owners: { id: number; name: string; key?: string }[];
  investors: { name: string; key: string }[];
  contacts: { id: number; name: string; title: string | null }[];
  chainLinks: ChainLinkOption[];
};

type Props = {
  mode: "create" | "edit";
  options: ProjectFormOptions;
  /** The project's values (edit), the investor it starts from (create). */
  defaults: ZodFormOptions<typeof updateProjectSchema>["defaults"];
  /** The action's answer to a refused save: the values sent and the messages. */
  reply?: FormReply | null;
  followers?: InvestorFollower[];
  /** Managers pick the owner; staff own what they create. */
  canPickOwner: boolean;
  /** The contracted figure is asked for from signing on. */
  showContracted: boolean;
  version?: number;
  /** The investor the project starts from (a link from the investor's page). */
  investorId?: number;
};

type MoneyField =
  | "plannedInvestmentWan"
  | "contractedInvestmentWan"
  | "fixedAssetInvestmentWan"
  | "foreignInvestmentUsdWan"
  | "landMu"
  | "annualOutputWan"
  | "annualTaxWan";

/** The project form: a plain POST that works without JavaScript; react-hook-form checks the same zod schema first. */
export function ProjectForm({ mode, options, defaults, reply, followers, canPickOwner, showContracted, version, investorId }: Props) {
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(mode === "create" ? createProjectSchema : updateProjectSchema, { defaults, reply });
  const money = (name: MoneyField, label: string) => <TextField form={f} name={name} label={label} inputMode="decimal" className="num-input" />;

  return (
    <ZodForm form={f}>
      {mode === "edit" ? <input type="hidden" name="version" value={String(version ?? "")} /> : null}
      {investorId ? <input type="hidden" name="investorId" value={String(investorId)} /> : null}
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
          <TextField form={f} name="name" label={t("projects.name")} />
          <Field form={f} name="investorName" label={t("projects.investor")}>
            <Combobox
              free
              field={f.field("investorName")}
              options={options.investors.map((i) => ({ value: i.name, label: i.name, key: i.key }))}
              placeholder={t("projects.investorHint")}
            />
          </Field>
          <Field form={f} name="clusterId" label={t("projects.cluster")}>
            <select {...f.field("clusterId")}>
              <option value="">{t("projects.clusterPick")}</option>
              {options.clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field form={f} name="sourceChannel" label={t("projects.sourceChannel")}>
            <select {...f.field("sourceChannel")}>
              <option value="">—</option>
              {SOURCE_CHANNELS.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field form={f} name="investmentType" label={t("projects.investmentType")}>
            <select {...f.field("investmentType")}>
              <option value="">—</option>
              {INVESTMENT_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`investmentType.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          {options.contacts.length ? (
            <Field form={f} name="investorContactId" label={t("projects.contact")}>
              <select {...f.field("investorContactId")}>
                <option value="">—</option>
                {options.contacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.title ? `（${c.title}）` : ""}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {canPickOwner ? (
            <Field form={f} name="ownerId" label={t("projects.ownerPick")}>
              <Combobox field={f.field("ownerId")} options={options.owners.map((o) => ({ value: o.id, label: o.name, key: o.key }))} emptyLabel="—" />
            </Field>
          ) : null}
        </div>
        <ChainLinkPicker form={f} links={options.chainLinks} />
        <Field form={f} name="content" label={t("projects.content")}>
          <textarea rows={3} className="wide" {...f.field("content")} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" value="on" {...f.checkbox("confidential")} /> {t("projects.confidential")}
        </label>
      </section>

      <section className="panel">
        <h2>{t("projects.economics")}</h2>
        <div className="form-grid">
          {money("plannedInvestmentWan", t("projects.plannedInvestment"))}
          {showContracted ? money("contractedInvestmentWan", t("projects.contractedInvestment")) : null}
          {money("fixedAssetInvestmentWan", t("projects.fixedAsset"))}
          {money("foreignInvestmentUsdWan", t("projects.foreignInvestment"))}
          {money("landMu", t("projects.land"))}
          {money("annualOutputWan", t("projects.annualOutput"))}
          {money("annualTaxWan", t("projects.annualTax"))}
          <TextField form={f} name="jobs" label={t("projects.jobs")} inputMode="numeric" />
          <TextField form={f} name="voltageKv" label={t("projects.voltageKv")} inputMode="decimal" />
        </div>
      </section>

      <section className="panel">
        <h2>{t("projects.plannedDates")}</h2>
        <div className="form-grid">
          <TextField form={f} name="plannedSignOn" label={t("projects.plannedSign")} type="date" />
          <TextField form={f} name="plannedConstructionOn" label={t("projects.plannedConstruction")} type="date" />
          <TextField form={f} name="plannedProductionOn" label={t("projects.plannedProduction")} type="date" />
        </div>
        <Field form={f} name="note" label={t("projects.note")}>
          <textarea rows={2} className="wide" {...f.field("note")} />
        </Field>
      </section>

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
          {t("common.save")}
        </button>
        <Link to=".." relative="path" className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </ZodForm>
  );
}
