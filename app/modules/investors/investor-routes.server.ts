// Helpers shared by the investor routes: the form's add/remove-row buttons.
import type { InvestorFormValues } from "./investors.schema";
import { withContactAdded, withContactRemoved } from "./investors.schema";

/**
 * Without JavaScript, "add contact" and a row's "remove" are submit buttons: the form comes back with the rows
 * changed and nothing saved. Undefined when the form was submitted to be saved.
 */
export function contactRowsEdit(form: FormData, values: InvestorFormValues): InvestorFormValues | undefined {
  if (form.get("intent") === "add-contact") return withContactAdded(values);
  const remove = form.get("removeContact");
  if (typeof remove === "string" && /^\d{1,3}$/.test(remove)) return withContactRemoved(values, Number(remove));
  return undefined;
}
