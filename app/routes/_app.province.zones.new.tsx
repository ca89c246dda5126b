import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, TextField, useZodForm, ZodForm } from "~/components/zod-form";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import { canAdministerZones } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { invariantResponse, replyInvalid } from "~/modules/http/respond.server";
import { createZoneSchema } from "~/modules/zones/zones.schema";
import { createZone, listCities } from "~/modules/zones/zones.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "zones.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(canAdministerZones(user));
  return { cities: await listCities() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  invariantResponse(canAdministerZones(user));
  const parsed = parseForm(createZoneSchema, form);
  if (!parsed.ok) return replyInvalid("create", parsed.errors, form);
  const result = await createZone(parsed.data, { actorId: user.id, actorZoneId: user.zoneId });
  if (result.kind === "invalid") return replyInvalid("create", result.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect("/province/zones", {
    headers: {
      "Set-Cookie": await flashHeader({ kind: "ok", message: t("zones.created", { name: parsed.data.name, login: result.value.adminLogin }) }),
    },
  });
}

export default function NewZonePage() {
  const { cities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(createZoneSchema, { intent: "create", reply, defaults: { code: "", name: "", cityId: "", password: "" } });
  return (
    <>
      <p>
        <Link to="/province/zones">← {t("zones.title")}</Link>
      </p>
      <h1>{t("zones.new")}</h1>
      <section className="panel">
        <ZodForm form={f}>
          <div className="form-grid">
            <TextField form={f} name="name" label={t("zones.name")} autoComplete="off" />
            <div>
              <TextField form={f} name="code" label={t("zones.code")} autoComplete="off" autoCapitalize="none" aria-describedby="zone-code-hint" />
              <p id="zone-code-hint" className="muted small">
                {t("zones.codeHint")}
              </p>
            </div>
            <Field form={f} name="cityId" label={t("zones.city")}>
              <select {...f.field("cityId")}>
                <option value="">{t("zones.cityNone")}</option>
                {cities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <div>
              <TextField
                form={f}
                name="password"
                label={t("zones.password")}
                type="password"
                autoComplete="new-password"
                aria-describedby="zone-password-hint"
              />
              <p id="zone-password-hint" className="muted small">
                {t("zones.passwordHint")}
              </p>
            </div>
          </div>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {t("zones.create")}
          </button>
        </ZodForm>
      </section>
    </>
  );
}
