// A searchable picker for long lists (the 一话通办 enterprise picker, owners, handlers): the server renders a plain
// <select>, which is what a browser without JavaScript uses. Once the page runs, the select gives way to a text box
// that filters the options as you type — by label or by the option's search key (pinyin initials and full pinyin,
// built on the server by app/lib/search-key.ts) — and a listbox (ARIA 1.2 combobox: ArrowUp/Down, Enter, Escape),
// while the value travels in a hidden input that carries the field's registration (react-hook-form's `f.field`),
// so the form's check and its submitted body are the same as with the select.
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { matchesSearch, normalizeSearch, searchTerms } from "~/lib/search-match";
import { useT } from "~/lib/use-i18n";
import type { FieldProps } from "~/components/zod-form";

/** One choice: its value, what is shown, and its search key (the label's pinyin and any codes), lowercase. */
export type ComboboxOption = { value: string | number; label: string; key?: string };

/** The options matching what was typed, at most `limit` (all of them for an empty query). */
export function filterOptions<O extends ComboboxOption>(options: readonly O[], query: string, limit = 50): O[] {
  const terms = searchTerms(query);
  const out: O[] = [];
  for (const o of options) {
    if (!terms.length || matchesSearch(`${normalizeSearch(o.label)} ${o.key ?? ""}`, terms)) out.push(o);
    if (out.length >= limit) break;
  }
  return out;
}

type Props = {
  /** The field's bound props: `f.field(name)` of a `useZodForm`, or `{ id, name, defaultValue }` in a plain form. */
  field: Pick<FieldProps, "id" | "name" | "defaultValue"> & Partial<Omit<FieldProps, "id" | "name" | "defaultValue">>;
  options: readonly ComboboxOption[];
  /** The label of the empty choice ("—"); without it there is none. */
  emptyLabel?: string;
  /** Called with the chosen value (after the field's own onChange). */
  onValueChange?: (value: string) => void;
  /**
   * A text field with suggestions (the investor's name, matched by the server; a new name is allowed): the field is
   * the text typed, an option fills it in. Without JavaScript, a text input with the browser's own suggestions.
   */
  free?: boolean;
  placeholder?: string;
};

export function Combobox({ field, options, emptyLabel, onValueChange, free = false, placeholder }: Props) {
  const t = useT();
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const { id, name, defaultValue, onChange, onBlur, ref, ...aria } = field;
  const hiddenRef = useRef<HTMLInputElement | null>(null);
  const [value, setValue] = useState(String(defaultValue ?? ""));
  const labelOf = useMemo(() => new Map(options.map((o) => [String(o.value), o.label])), [options]);
  const [text, setText] = useState(labelOf.get(value) ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = `${useId().replace(/:/g, "")}-${id}-list`;
  const shown = useMemo(
    () => (open ? filterOptions(options, text === (labelOf.get(value) ?? "") ? "" : text) : []),
    [open, options, text, value, labelOf],
  );

  // The server's answer may bring another value (a reply's values): follow it. (Keyed by strings: the options
  // array may be a new one at every render.)
  const initial = String(defaultValue ?? "");
  const initialText = free ? initial : (labelOf.get(initial) ?? "");
  useEffect(() => {
    setValue(initial);
    setText(initialText);
  }, [initial, initialText]);

  if (!enhanced && free) {
    // A text field the server matches by name; the browser's own suggestions meanwhile.
    return (
      <>
        <input type="text" list={`${id}-suggestions`} autoComplete="off" placeholder={placeholder} {...field} />
        <datalist id={`${id}-suggestions`}>
          {options.map((o) => (
            <option key={o.value} value={o.label} />
          ))}
        </datalist>
      </>
    );
  }
  if (!enhanced) {
    return (
      <select id={id} name={name} defaultValue={defaultValue} onChange={onChange} onBlur={onBlur} ref={ref} {...aria}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }

  const choose = (option: ComboboxOption | undefined) => {
    // A free text field takes the option's label as its text; a picker its value, in the hidden input.
    const v = option ? String(free ? option.label : option.value) : "";
    setValue(v);
    setText(option?.label ?? "");
    setOpen(false);
    setActive(-1);
    if (hiddenRef.current) hiddenRef.current.value = v;
    // react-hook-form reads the event's target: the element holding the field's value, now the chosen one.
    void onChange?.({ target: hiddenRef.current ?? { name, value: v }, type: "change" });
    onValueChange?.(v);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      if (!shown.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + shown.length) % shown.length);
    } else if (event.key === "Enter" && open) {
      // Enter picks the active option (or the only one left) instead of submitting the form.
      const pick = shown[active] ?? (shown.length === 1 && !free ? shown[0] : undefined);
      if (pick) {
        event.preventDefault();
        choose(pick);
      }
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      if (!free) setText(labelOf.get(value) ?? "");
    }
  };

  return (
    <div className="combobox">
      {free ? null : (
        <input
          type="hidden"
          name={name}
          defaultValue={value}
          ref={(el) => {
            hiddenRef.current = el;
            ref?.(el);
          }}
        />
      )}
      <input
        {...(free
          ? {
              name,
              ref: (el: HTMLInputElement | null) => {
                hiddenRef.current = el;
                ref?.(el);
              },
            }
          : {})}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={placeholder ?? t("combobox.filter")}
        value={text}
        {...aria}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (free) {
            setValue(event.target.value);
            void onChange?.(event);
          }
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          // Text that names no option does not stay as if it were chosen; clearing the box clears the value.
          if (free) {
            // The text is the value.
          } else if (!text.trim()) {
            if (value) choose(undefined);
          } else setText(labelOf.get(value) ?? "");
          void onBlur?.({ target: hiddenRef.current ?? { name, value }, type: "blur" });
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label={t("combobox.filter")} className="combobox-list" hidden={!open}>
        {open && !shown.length ? <div className="combobox-empty">{t("combobox.none")}</div> : null}
        {shown.map((o, i) => (
          <div
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={(free ? o.label : String(o.value)) === value}
            className={i === active ? "combobox-option active" : "combobox-option"}
            // mousedown, not click: the box's blur would close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(o);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {o.label}
          </div>
        ))}
      </div>
    </div>
  );
}
