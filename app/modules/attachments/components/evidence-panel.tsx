import { useActionData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { invalidProps } from "~/components/form-field";
import { Field, useZodForm, ZodForm } from "~/components/zod-form";
import { formatDateTime } from "~/lib/dates";
import type { ProjectStage } from "~/lib/domain-values";
import { PROJECT_STAGES } from "~/lib/domain-values";
import { useT } from "~/lib/use-i18n";
import type { EvidenceStage } from "../attachments.schema";
import type { FormReply } from "~/lib/forms";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_DELETE_INTENT,
  EVIDENCE_PHOTO_ACCEPT,
  EVIDENCE_UPLOAD_INTENT,
  EVIDENCE_MAX_MB,
  EVIDENCE_STAGES,
  removeEvidenceSchema,
  uploadEvidenceSchema,
} from "../attachments.schema";

type EvidenceItem = {
  id: number;
  stage: EvidenceStage;
  fileName: string;
  sizeBytes: number;
  uploaderName: string;
  uploadedAt: string;
  canRemove: boolean;
};

function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The milestone an upload most likely belongs to: the current one, or the next one the project is heading for. */
function suggestedStage(stage: ProjectStage): EvidenceStage {
  const index = PROJECT_STAGES.indexOf(stage);
  return EVIDENCE_STAGES.find((s) => PROJECT_STAGES.indexOf(s) >= index) ?? "production";
}

/** Evidence files of a project's milestones, and for those who may edit the project an upload form. */
export function EvidencePanel({ stage, items, canUpload }: { stage: ProjectStage; items: EvidenceItem[]; canUpload: boolean }) {
  const t = useT();
  const location = useLocation();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formData?.get("intent") === EVIDENCE_UPLOAD_INTENT;
  // A refused upload comes back as the page with the milestone chosen and the message next to its field.
  const reply = useActionData<FormReply | undefined>();
  const f = useZodForm(uploadEvidenceSchema, { intent: EVIDENCE_UPLOAD_INTENT, defaults: { stage: suggestedStage(stage) }, reply });
  const fileError = f.error("file");
  // The site photos: a phone opens its camera from a second, nameless input (capture), whose photo moves into the
  // form's one file field. The field itself keeps no capture, so an agreement's PDF can still be picked; without
  // JavaScript the button is not shown and the field alone (whose picker offers the camera too) is the way.
  const fileInput = useRef<HTMLInputElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const takePhoto = (event: React.ChangeEvent<HTMLInputElement>) => {
    if (fileInput.current && event.target.files?.length) fileInput.current.files = event.target.files;
  };

  return (
    <section className="panel evidence" id="evidence">
      <h2>{t("evidence.title")}</h2>
      <p className="muted evidence-hint">{t("evidence.hint", { max: EVIDENCE_MAX_MB })}</p>
      {EVIDENCE_STAGES.map((milestone) => {
        const files = items.filter((item) => item.stage === milestone);
        return (
          <div className="evidence-group" key={milestone}>
            <h3>
              {t(`stage.${milestone}`)} <span className="muted">{t(`evidence.kind.${milestone}`)}</span>
              {files.length ? <span className="evidence-count">{t("evidence.count", { n: files.length })}</span> : null}
            </h3>
            {files.length === 0 ? (
              <p className="muted evidence-empty">{t("evidence.none")}</p>
            ) : (
              <ul className="evidence-list">
                {files.map((file) => (
                  <li key={file.id}>
                    <div className="evidence-file">
                      <a href={`/evidence/${file.id}`} target="_blank" rel="noopener noreferrer">
                        {file.fileName}
                      </a>
                      <div className="muted">
                        {t("evidence.meta", { size: formatSize(file.sizeBytes), by: file.uploaderName, at: formatDateTime(file.uploadedAt) })}
                      </div>
                    </div>
                    {file.canRemove ? <RemoveEvidenceForm id={file.id} fileName={file.fileName} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}

      {canUpload ? (
        // Keyed by the location: after an upload the form starts empty again.
        <ZodForm key={location.key} form={f} encType="multipart/form-data" className="evidence-upload">
          <h3>{t("evidence.uploadHeading")}</h3>
          {/* The token comes first (ZodForm writes it first): the server reads it before it accepts any byte of the file. */}
          <div className="evidence-upload-row">
            <Field form={f} name="stage" label={t("evidence.stage")}>
              <select {...f.field("stage")}>
                {EVIDENCE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field form={f} name="file" label={t("evidence.file")}>
              <input
                ref={fileInput}
                id={f.id("file")}
                type="file"
                name="file"
                accept={EVIDENCE_ACCEPT}
                required
                {...invalidProps(f.id("file"), fileError)}
              />
              {hydrated ? (
                <label className="button camera-button">
                  {t("evidence.takePhoto")}
                  <input type="file" accept={EVIDENCE_PHOTO_ACCEPT} capture="environment" className="sr-only" onChange={takePhoto} />
                </label>
              ) : null}
            </Field>
          </div>
          <button type="submit" className="button primary" disabled={uploading}>
            {uploading ? t("evidence.uploading") : t("evidence.upload")}
          </button>
        </ZodForm>
      ) : null}
    </section>
  );
}

/** Deletes one file after the user confirms (without JavaScript there is no prompt: the button alone). */
function RemoveEvidenceForm({ id, fileName }: { id: number; fileName: string }) {
  const t = useT();
  const submit = useSubmit();
  const f = useZodForm(removeEvidenceSchema, { intent: EVIDENCE_DELETE_INTENT, defaults: { attachmentId: id } });
  return (
    <ZodForm
      form={f}
      onValid={(form, submitter) => {
        if (window.confirm(t("evidence.removeConfirm", { name: fileName }))) submit(submitter ?? form, { method: "post" });
      }}
    >
      {/* Several of these forms share the page: the hidden field needs no element id. */}
      <input type="hidden" {...f.field("attachmentId")} id={undefined} />
      <button type="submit" className="button small danger" aria-label={`${t("evidence.remove")} ${fileName}`}>
        {t("evidence.remove")}
      </button>
    </ZodForm>
  );
}
