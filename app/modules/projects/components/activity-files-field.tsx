import { useState } from "react";
import { FormField, invalidProps } from "~/components/form-field";
import { useT } from "~/lib/use-i18n";

/**
 * The activity form's files: visit photos, minutes, business cards. Two inputs of one name, both sent as they are
 * (so the form works without JavaScript): the picker, several files at once, and a camera button whose input asks
 * a phone for its camera (`capture`). The server checks every file and refuses the whole activity if one fails;
 * its message comes back as `error`. The form must be `multipart/form-data`, with the token before these inputs.
 */
export function ActivityFilesField({
  name,
  accept,
  maxMb,
  maxFiles,
  error,
}: {
  name: string;
  accept: string;
  maxMb: number;
  maxFiles: number;
  error?: string;
}) {
  const t = useT();
  const [picked, setPicked] = useState<string[]>([]);
  const [photos, setPhotos] = useState<string[]>([]);
  const namesOf = (event: React.ChangeEvent<HTMLInputElement>) => Array.from(event.target.files ?? [], (f) => f.name);
  const chosen = [...picked, ...photos];
  const id = "activity-files";
  return (
    <FormField id={id} label={t("activityFiles.label")} error={error}>
      <p className="muted field-hint" id={`${id}-hint`}>
        {t("activityFiles.hint", { max: maxMb, n: maxFiles })}
      </p>
      <div className="activity-files-row">
        <input id={id} type="file" name={name} multiple accept={accept} onChange={(e) => setPicked(namesOf(e))} {...invalidProps(id, error)} />
        <label className="button camera-button">
          {t("activityFiles.takePhoto")}
          <input type="file" name={name} accept="image/*" capture="environment" onChange={(e) => setPhotos(namesOf(e))} />
        </label>
      </div>
      {chosen.length ? (
        <p className="muted" aria-live="polite">
          {t("activityFiles.chosen", { names: chosen.join("、") })}
        </p>
      ) : null}
    </FormField>
  );
}
