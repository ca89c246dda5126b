// Adding a target (招商目标库, issue 22 item 4): the company's manager on its cluster's chain, leaders on any chain.
// `?link=` preselects the link (from the list's uncovered links).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useZodForm, ZodForm } from "~/components/zod-form";
import type { FormReply } from "~/lib/forms";
import { parseForm } from "~/lib/forms";
import { pageTitle } from "~/lib/meta";
import { toId } from "~/lib/result";
import { useT } from "~/lib/use-i18n";
import { requireUserForm } from "~/modules/auth/csrf.server";
import { flashHeader } from "~/modules/auth/flash.server";
import { getTranslator } from "~/modules/auth/lang.server";
import type { Viewer } from "~/modules/auth/policy";
import { canManageTargets, canSeeChains } from "~/modules/auth/policy";
import { requireUser } from "~/modules/auth/session.server";
import { TargetFields } from "~/modules/chains/components/target-fields";
import { addTargetSchema } from "~/modules/chains/targets.schema";
import { addTarget, listAssigneeGroups, listTargetLinks } from "~/modules/chains/targets.server";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "chainTargets.addTitle");

/** Leaders and managers of a cluster's company; a manager of a company without a cluster has no chain to add on. */
async function addableLinks(user: Viewer) {
  invariantResponse(canSeeChains(user));
  invariantResponse(canManageTargets(user, { zoneId: user.zoneId, companyId: user.companyId ?? 0 }), 403);
  const links = await listTargetLinks(user);
  invariantResponse(links.length, 403);
  return links;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const links = await addableLinks(user);
  const wanted = toId(new URL(request.url).searchParams.get("link"));
  return { links, assignees: await listAssigneeGroups(user), linkId: links.some((l) => l.id === wanted) ? wanted : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  await addableLinks(user);
  const parsed = parseForm(addTargetSchema, form);
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, form);
  const done = throwIfRefused(await addTarget(user, parsed.data));
  if (done.kind === "invalid") return replyInvalid(undefined, done.fieldErrors, form);
  const t = await getTranslator(request);
  return redirect(`/chain-targets/${done.value.id}`, {
    headers: { "Set-Cookie": await flashHeader({ kind: "ok", message: t("chainTargets.added", { name: parsed.data.name }) }) },
  });
}

export default function NewTargetPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const t = useT();
  const navigation = useNavigation();
  const f = useZodForm(addTargetSchema, { reply, defaults: { linkId: d.linkId, reason: "leader" } });
  return (
    <>
      <p>
        <Link to="/chain-targets">← {t("chainTargets.title")}</Link>
      </p>
      <h1>{t("chainTargets.addTitle")}</h1>
      <p className="muted">{t("chainTargets.addIntro")}</p>
      <section className="panel">
        <ZodForm form={f} data-testid="target-form">
          <TargetFields f={f} links={d.links} assignees={d.assignees} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
              {t("chainTargets.save")}
            </button>
          </div>
        </ZodForm>
      </section>
    </>
  );
}
