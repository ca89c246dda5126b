import type { ZodFormApi } from "~/components/zod-form";
import { Field, TextField } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { provinceAccountFieldsSchema } from "~/modules/zones/province-accounts.schema";
import { PROVINCE_ACCOUNT_ROLES } from "~/modules/zones/province-accounts.schema";

/** A leader's name, role and city: the fields the province admin's new-account and edit forms share. */
export function ProvinceAccountFields({
  form: f,
  cities,
}: {
  form: ZodFormApi<typeof provinceAccountFieldsSchema>;
  cities: { id: number; name: string }[];
}) {
  const t = useT();
  return (
    <>
      <TextField form={f} name="displayName" label={t("province.accounts.displayName")} autoComplete="off" />
      <Field form={f} name="role" label={t("province.accounts.role")}>
        <select {...f.field("role")}>
          {PROVINCE_ACCOUNT_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field form={f} name="cityId" label={t("province.accounts.city")}>
        <select {...f.field("cityId")}>
          <option value="">{t("province.accounts.cityNone")}</option>
          {cities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
