// The enterprise rates a solved request through its one-time link (decision 018): no account, phone-first. The
// token in the URL is the only credential; the server refuses cross-site posts (server.ts) and the link answers once.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import { pageTitle } from "~/lib/meta";
import { useT } from "~/lib/use-i18n";
import { ScoreField } from "~/modules/service/components/score-field";
import { readForm } from "~/modules/auth/csrf.server";
import { reserveLinkHit } from "~/modules/auth/link-throttle.server";
import { parseForm } from "~/lib/forms";
import { invariantResponse, replyInvalid, throwIfRefused } from "~/modules/http/respond.server";
import { ratingSchema } from "~/modules/service/service-ratings.schema";
import { findRatingLink, rateByLink } from "~/modules/service/service-ratings.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, "service.rate.title"), { name: "robots", content: "noindex" }];

// The token is in the URL: no caching, and no Referer carrying it to another site.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });

/** Every request to a link counts (reserveLinkHit); past the limit the answer is 429. */
async function throttle(token: string, ip: string) {
  const hit = await reserveLinkHit(token, ip);
  if (!hit.ok) throw data({ message: "too many requests" }, { status: 429 });
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  await throttle(params.token ?? "", context.clientIp);
  const link = await findRatingLink(params.token ?? "");
  invariantResponse(link, 404);
  return { link, thanks: new URL(request.url).searchParams.has("thanks") };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  await throttle(token, context.clientIp);
  const form = await readForm(request);
  const parsed = parseForm(ratingSchema, form);
  if (!parsed.ok) return replyInvalid(undefined, parsed.errors, parsed.values);
  const result = throwIfRefused(await rateByLink(token, parsed.data));
  if (result.kind === "conflict") {
    return replyInvalid(undefined, { _form: result.detail === "expired" ? "service.rate.expired" : "service.rate.used" }, form, 409);
  }
  return redirect(`/rate/${token}?thanks`);
}

export default function RatePage() {
  const { link, thanks } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useZodForm(ratingSchema, { reply: useActionData<typeof action>() });
  return (
    <div className="login-page rate-page">
      <main className="login-card">
        <h1>{t("service.rate.title")}</h1>
        <p>
          {t("service.rate.about", {
            enterprise: link.enterprise ?? "",
            type: t(`service.type.${link.type}`),
            company: link.handlingCompany,
            date: link.solvedOn ?? "—",
          })}
        </p>
        {thanks ? (
          <p className="flash ok" role="status">
            {t("service.rate.thanks")}
          </p>
        ) : link.state === "used" ? (
          <p className="flash" role="status">
            {t("service.rate.used")}
          </p>
        ) : link.state === "expired" ? (
          <p className="flash warn" role="status">
            {t("service.rate.expired")}
          </p>
        ) : (
          <ZodForm form={f}>
            <ScoreField form={f} />
            <Field form={f} name="comment" label={t("service.satisfactionComment")}>
              <textarea rows={3} {...f.field("comment")} />
            </Field>
            <button type="submit" className="button primary">
              {t("service.rate.submit")}
            </button>
          </ZodForm>
        )}
      </main>
    </div>
  );
}
