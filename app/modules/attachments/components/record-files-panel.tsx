// The files of one record of a project (an approval item's documents, a benefit's evidence): the list, each file
// opened through /evidence/:id (which asks the policy), and the upload form for those who may add one.
import { invalidProps } from "~/components/form-field";
import type { ZodFormApi } from "~/components/zod-form";
import { Field, ZodForm } from "~/components/zod-form";
import { useT } from "~/lib/use-i18n";
import type { recordFileSchema } from "~/modules/attachments/attachments.schema";
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_MB } from "~/modules/attachments/attachments.schema";

export function RecordFilesPanel({
  id,
  title,
  files,
  upload,
}: {
  id: string;
  title: string;
  files: { id: number; fileName: string }[];
  /** The upload form, or null for a viewer who may not add files. */
  upload: ZodFormApi<typeof recordFileSchema> | null;
}) {
  const t = useT();
  return (
    <section className="panel" id={id}>
      <h2>{title}</h2>
      {files.length === 0 ? <p className="muted">{t("evidence.none")}</p> : null}
      <ul className="evidence-list">
        {files.map((doc) => (
          <li key={doc.id}>
            <a href={`/evidence/${doc.id}`} target="_blank" rel="noopener noreferrer">
              {doc.fileName}
            </a>
          </li>
        ))}
      </ul>
      {upload ? (
        <ZodForm form={upload} encType="multipart/form-data">
          <p className="muted small">{t("evidence.hint", { max: EVIDENCE_MAX_MB })}</p>
          <Field form={upload} name="file" label={t("evidence.file")}>
            <input
              id={upload.id("file")}
              type="file"
              name="file"
              accept={EVIDENCE_ACCEPT}
              required
              {...invalidProps(upload.id("file"), upload.error("file"))}
            />
          </Field>
          <button type="submit" className="button">
            {t("evidence.upload")}
          </button>
        </ZodForm>
      ) : null}
    </section>
  );
}
