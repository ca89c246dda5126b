import { Form, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { invalidProps } from "~/components/form-field";
import { formatDateTime } from "~/lib/dates";
import type { ProjectStage } from "~/lib/domain-values";
import { PROJECT_STAGES } from "~/lib/domain-values";
import { useT } from "~/lib/use-i18n";
import type { EvidenceStage } from "../attachments.schema";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_PHOTO_ACCEPT,
  EVIDENCE_ERROR_FIELD,
  EVIDENCE_MAX_MB,
  EVIDENCE_STAGES,
  evidenceNoticeSchema,
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
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && /\/evidence$/.test(navigation.formAction ?? "");
  // An upload refused by the server comes back as ?evidenceError=…; a successful one clears it.
  const notice = evidenceNoticeSchema.parse(Object.fromEntries(searchParams));
  const error = notice.evidenceError;
  const errorText = error ? t(`evidence.error.${error}`, { max: EVIDENCE_MAX_MB }) : undefined;
  const stageError = error && EVIDENCE_ERROR_FIELD[error] === "stage" ? errorText : undefined;
  const fileError = error && EVIDENCE_ERROR_FIELD[error] === "file" ? errorText : undefined;
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
                    {file.canRemove ? (
                      <Form
                        method="post"
                        action="./evidence"
                        onSubmit={(event) => {
                          if (!window.confirm(t("evidence.removeConfirm", { name: file.fileName }))) event.preventDefault();
                        }}
                      >
                        <CsrfInput />
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="attachmentId" value={file.id} />
                        <button type="submit" className="button small danger" aria-label={`${t("evidence.remove")} ${file.fileName}`}>
                          {t("evidence.remove")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}

      {canUpload ? (
        // Keyed by the location: after an upload the form starts empty again.
        <Form key={location.key} method="post" encType="multipart/form-data" action="./evidence" className="evidence-upload">
          <h3>{t("evidence.uploadHeading")}</h3>
          {/* The token comes first: the server reads it before it accepts any byte of the file. */}
          <CsrfInput />
          <div className="evidence-upload-row">
            <div className="field">
              <label htmlFor="evidence-stage">{t("evidence.stage")}</label>
              <select
                id="evidence-stage"
                name="stage"
                defaultValue={notice.evidenceStage ?? suggestedStage(stage)}
                {...invalidProps("evidence-stage", stageError)}
              >
                {EVIDENCE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>
              {stageError ? (
                <p className="field-error" id="evidence-stage-error" role="alert">
                  {stageError}
                </p>
              ) : null}
            </div>
            <div className="field evidence-file-field">
              <label htmlFor="evidence-file">{t("evidence.file")}</label>
              <input
                ref={fileInput}
                id="evidence-file"
                type="file"
                name="file"
                accept={EVIDENCE_ACCEPT}
                required
                {...invalidProps("evidence-file", fileError)}
              />
              {hydrated ? (
                <label className="button camera-button">
                  {t("evidence.takePhoto")}
                  <input type="file" accept={EVIDENCE_PHOTO_ACCEPT} capture="environment" className="sr-only" onChange={takePhoto} />
                </label>
              ) : null}
              {fileError ? (
                <p className="field-error" id="evidence-file-error" role="alert">
                  {fileError}
                </p>
              ) : null}
            </div>
          </div>
          <button type="submit" className="button primary" disabled={uploading}>
            {uploading ? t("evidence.uploading") : t("evidence.upload")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
