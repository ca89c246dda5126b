// The one form idiom (issue 17, decision 015): react-hook-form over the zod schema the action parses with, typed
// by the schema's field names, on a plain Remix <Form method="post"> that works without JavaScript.
//
//   const f = useZodForm(datedReasonSchema, { intent: "hold", defaults: { businessOn: today }, reply: actionData });
//   <ZodForm form={f}>
//     <TextField form={f} name="businessOn" label={t("stage.businessOn")} type="date" />
//     <Field form={f} name="lostReason" label={…}><select {...f.field("lostReason")}>…</select></Field>
//   </ZodForm>
//
// The action parses the same schema with `parseForm` (app/lib/forms.ts) and answers a refusal with
// `replyInvalid(intent, errors, values)` (app/modules/http/respond.server.ts): a `FormReply` the hook reads back, so
// the page re-renders the typed values with each message next to its field. With JavaScript the schema runs in the
// browser first and the form submits only when it passes; without, the server's answer is the same page.
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit } from "@remix-run/react";
import type { FormProps } from "@remix-run/react";
import type { ArrayPath, FieldArray, Resolver, UseFormReturn } from "react-hook-form";
import { useEffect, useRef } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import type * as z from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { FormField } from "~/components/form-field";
import type { FieldErrors, FormReply } from "~/lib/forms";
import { formValues, translateError } from "~/lib/forms";
import { useT } from "~/lib/use-i18n";

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * The schema's field names: what `field`, `error` and the components accept (a typo does not compile). For a form
 * whose schema is one of several (a stage's gate), the names of any of them.
 */
export type FieldName<S extends AnyObjectSchema> = S extends unknown ? Extract<keyof z.input<S>, string> : never;

/**
 * A field of a row of a list field (`contacts.0.name` of `contacts: z.array(z.object({ name }))`): rows are named
 * `list.index.field`, as the action's decoder (and react-hook-form's field arrays) read them.
 */
export type RowFieldName<S extends AnyObjectSchema> = S extends unknown
  ? {
      [K in Extract<keyof z.output<S>, string>]: NonNullable<z.output<S>[K]> extends readonly (infer R)[]
        ? R extends Record<string, unknown>
          ? `${K}.${number}.${Extract<keyof R, string>}`
          : never
        : never;
    }[Extract<keyof z.output<S>, string>]
  : never;

/** Any field a form binds: one of the schema's names, or a field of a row of a list. */
export type FieldPath<S extends AnyObjectSchema> = FieldName<S> | RowFieldName<S>;

/** A field's value as the browser holds it: text, a checkbox's state, or the values of checkboxes of one name. */
export type FieldValue = string | boolean | string[];

/** The rows of a list field, each a record of its fields' texts. */
export type FieldRows = Partial<Record<string, string>>[];

/** The form's values while the user types: strings as the inputs hold them, parsed by the schema on submit. */
export type FormInput<S extends AnyObjectSchema> = { [K in FieldName<S>]?: FieldValue };

export type ZodFormOptions<S extends AnyObjectSchema> = {
  /** Which form of the page this is, sent as `intent`; a page with one form may leave it out. */
  intent?: string;
  /** The values the form opens with (a record's current values, today's date…); null and undefined are blank. */
  defaults?: Partial<Record<FieldName<S>, FieldValue | FieldRows | number | null | undefined>>;
  /** The action's answer (`useActionData()`): its values and errors are this form's when its intent matches. */
  reply?: FormReply | null;
};

export type ZodFormApi<S extends AnyObjectSchema> = {
  /** react-hook-form itself, for what the helpers below do not cover (its field names are not checked). */
  form: UseFormReturn<Values, unknown, z.output<S>>;
  /** The field's current value, re-rendering as it changes (a live check, a dependent field). */
  watch: (name: FieldPath<S>) => FieldValue | undefined;
  /** The <form> element, set by `ZodForm`. */
  formRef: React.MutableRefObject<HTMLFormElement | null>;
  intent: string | undefined;
  /** The element id of a field, unique on the page when several forms share field names. */
  id: (name: FieldPath<S>) => string;
  /** The props of an <input>, <select> or <textarea> bound to a field (value, aria-invalid, error description). */
  field: (name: FieldPath<S>) => FieldProps;
  /** The props of a checkbox bound to a boolean field. */
  checkbox: (name: FieldPath<S>) => CheckboxProps;
  /**
   * The props of one checkbox of a group sharing a name (`userIds` = the values checked): checked when the field
   * holds its value. The browser's check reads the group from the form as it stands.
   */
  option: (name: FieldName<S>, value: string | number) => OptionProps;
  /** The field's message key: the browser's check, else the server's (until the user edits the field). */
  error: (name: FieldPath<S>) => string | undefined;
  /** The message about the whole form (`_form`): the browser's check (a schema's refine), else the server's. */
  formError: string | undefined;
};

type Values = Record<string, FieldValue | FieldRows>;

type BoundProps = ReturnType<UseFormReturn<Values>["register"]> & {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};
export type FieldProps = BoundProps & { defaultValue: string };
export type CheckboxProps = BoundProps & { defaultChecked: boolean };
export type OptionProps = { type: "checkbox"; name: string; value: string; defaultChecked: boolean };

const asInput = (v: FieldValue | FieldRows | number | null | undefined): FieldValue | FieldRows =>
  v == null ? "" : typeof v === "number" ? String(v) : v;

const ROW_FIELD = /^([A-Za-z_]\w*)\.(\d{1,3})\.([A-Za-z_]\w*)$/;

/** Submitted values as the form binds them: `contacts.0.name` fields gathered into the rows of `contacts`. */
function withRows(values: Record<string, unknown>): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    const m = ROW_FIELD.exec(key);
    if (!m) {
      out[key] = asInput(value as FieldValue);
      continue;
    }
    const rows = (Array.isArray(out[m[1]]) ? out[m[1]] : (out[m[1]] = [])) as FieldRows;
    const index = Number(m[2]);
    while (rows.length <= index) rows.push({});
    rows[index][m[3]] = String(value);
  }
  return out;
}

export function useZodForm<S extends AnyObjectSchema>(schema: S, options: ZodFormOptions<S> = {}): ZodFormApi<S> {
  const { intent, reply } = options;
  // A page's other forms answer with their own intent: their values and errors are not this form's.
  const mine = reply && (intent === undefined || reply.intent === intent) ? reply : undefined;
  // A reply holds every field the form sent, so it replaces the defaults: a box the user unchecked, a row removed
  // stay so.
  const defaultValues = withRows(mine ? mine.values : (options.defaults ?? {}));
  // The schema checks what the form would send: its fields as the page holds them (hidden ones and checkbox groups
  // too, which react-hook-form does not track), and the lists react-hook-form holds as rows (`contacts`).
  const formRef = useRef<HTMLFormElement | null>(null);
  // The schema's input is what the browser sends (strings), its output the parsed values; react-hook-form's
  // resolver type cannot see that the one is the other, so it is stated once, here.
  const checkSchema = zodResolver(schema as never) as unknown as Resolver<Values, unknown, z.output<S>>;
  const resolver: Resolver<Values, unknown, z.output<S>> = (values, context, resolverOptions) => {
    const element = formRef.current;
    if (!element) return checkSchema(values, context, resolverOptions);
    // What react-hook-form holds for a name the form has no element of (a list's rows); the form's own for the rest.
    const held = Object.fromEntries(Object.entries(values).filter(([name]) => element.elements.namedItem(name) === null));
    return checkSchema({ ...held, ...formValues(new FormData(element)) } as Values, context, resolverOptions);
  };
  const form = useForm<Values, unknown, z.output<S>>({
    resolver,
    // Validate on submit, then as the user corrects: a message appearing on blur shifts the layout under the click.
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues,
  });
  // With JavaScript a reply arrives in a page that keeps its form: start again from what was sent, so that the
  // server's messages show on fields the user had typed in (a message hides once its field is edited).
  const replied = useRef(mine);
  useEffect(() => {
    if (!mine || replied.current === mine) return;
    replied.current = mine;
    form.reset(withRows(mine.values));
  }, [mine, form]);
  const serverErrors: FieldErrors = mine?.errors ?? {};
  const id = (name: FieldPath<S>) => {
    const element = name.replace(/\./g, "-");
    return intent ? `${intent}-${element}` : element;
  };
  const error = (name: FieldPath<S>): string | undefined => {
    const state = form.getFieldState(name, form.formState);
    if (state.error?.message) return state.error.message;
    return state.isDirty ? undefined : serverErrors[name];
  };
  const bound = (name: FieldPath<S>): BoundProps => {
    const message = error(name);
    return {
      id: id(name),
      ...form.register(name),
      ...(message ? { "aria-invalid": true as const, "aria-describedby": `${id(name)}-error` } : {}),
    };
  };
  // react-hook-form sets values through refs once the page is hydrated: without the value as the element's default
  // the server-rendered form is blank, and a browser without JavaScript would post empty fields.
  const field = (name: FieldPath<S>): FieldProps => {
    const value = form.getValues(name) as FieldValue | undefined;
    return { defaultValue: Array.isArray(value) ? (value[0] ?? "") : typeof value === "boolean" ? "" : (value ?? ""), ...bound(name) };
  };
  const checkbox = (name: FieldPath<S>): CheckboxProps => {
    const value = form.getValues(name) as FieldValue | undefined;
    return { defaultChecked: value === true || value === "on" || value === "true", ...bound(name) };
  };
  // Not registered: react-hook-form would check every box of a group whose value is one string.
  const option = (name: FieldName<S>, value: string | number): OptionProps => {
    const held = form.getValues(name) as FieldValue | undefined;
    const checked = Array.isArray(held) ? held.includes(String(value)) : held === String(value);
    return { type: "checkbox", name, value: String(value), defaultChecked: checked };
  };
  const watch = (name: FieldPath<S>) => form.watch(name) as FieldValue | undefined;
  const browserFormError = (form.formState.errors as Record<string, { message?: string } | undefined>)._form?.message;
  return { form, formRef, watch, intent, id, field, checkbox, option, error, formError: browserFormError ?? serverErrors._form };
}

/**
 * The <Form method="post"> of a `useZodForm`: the CSRF token, the intent, the form-level message, and a submit that
 * runs the schema first. The submitted body is the form's own fields (and the button pressed), exactly as without
 * JavaScript, so the action cannot tell the two apart.
 */
export function ZodForm<S extends AnyObjectSchema>({
  form: f,
  children,
  csrf,
  onValid,
  ...props
}: {
  form: ZodFormApi<S>;
  children: React.ReactNode;
  /** The anti-forgery token when it is not the root's (a page of a session the root does not serve, MFA's step). */
  csrf?: string;
  /** Sends the checked form some other way than Remix's submit (a fetcher); the default is `useSubmit`. */
  onValid?: (form: HTMLFormElement, submitter: HTMLButtonElement | null) => void;
} & Omit<FormProps, "method" | "onSubmit">) {
  const submit = useSubmit();
  const t = useT();
  return (
    <Form
      method="post"
      noValidate
      {...props}
      ref={f.formRef}
      onSubmit={(event) => {
        const element = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void f.form.handleSubmit(() =>
          onValid ? onValid(element, submitter) : submit(submitter ?? element, { method: "post", action: props.action }),
        )(event);
      }}
    >
      {csrf === undefined ? <CsrfInput /> : <input type="hidden" name="csrf" value={csrf} />}
      {f.intent ? <input type="hidden" name="intent" value={f.intent} /> : null}
      {f.formError ? (
        <div className="flash error" role="alert">
          {translateError(t, f.formError)}
        </div>
      ) : null}
      {children}
    </Form>
  );
}

/** A labelled field of a `useZodForm` with its message next to it; the control is the child. */
export function Field<S extends AnyObjectSchema>({
  form: f,
  name,
  label,
  children,
}: {
  form: ZodFormApi<S>;
  name: FieldPath<S>;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <FormField id={f.id(name)} label={label} error={f.error(name)}>
      {children}
    </FormField>
  );
}

/** A labelled text input (any `type`) of a `useZodForm`. */
export function TextField<S extends AnyObjectSchema>({
  form: f,
  name,
  label,
  ...input
}: { form: ZodFormApi<S>; name: FieldPath<S>; label: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "form">) {
  return (
    <Field form={f} name={name} label={label}>
      <input {...input} {...f.field(name)} />
    </Field>
  );
}

/**
 * The rows of a list field (`contacts`), to add and remove with JavaScript; each row's fields are bound with
 * `f.field(\`contacts.${index}.name\`)`. A row keeps its own `id` field: the React key is `key`.
 */
export function useFieldRows<S extends AnyObjectSchema>(f: ZodFormApi<S>, name: FieldName<S>) {
  const rows = useFieldArray({ control: f.form.control, name: name as ArrayPath<Values>, keyName: "key" });
  return {
    fields: rows.fields as unknown as (Partial<Record<string, string>> & { key: string })[],
    append: (row: Partial<Record<string, string>>) => rows.append(row as FieldArray<Values, ArrayPath<Values>>),
    remove: (index: number) => rows.remove(index),
  };
}
