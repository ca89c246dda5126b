import { useT } from "~/lib/use-i18n";

export type ActivityFileItem = { id: number; fileName: string; mimeType: string; sizeBytes: number };

/** An activity's files on the project's timeline: photos as thumbnails, PDFs as links, served by /evidence/:id. */
export function ActivityFileList({ files }: { files: ActivityFileItem[] }) {
  const t = useT();
  if (!files.length) return null;
  return (
    <ul className="activity-files" aria-label={t("activityFiles.title")}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={`/evidence/${file.id}`} target="_blank" rel="noopener noreferrer" title={t("activityFiles.open", { name: file.fileName })}>
            {file.mimeType.startsWith("image/") ? (
              <img src={`/evidence/${file.id}`} alt={file.fileName} loading="lazy" width={88} height={88} />
            ) : (
              <span className="activity-file-doc">📄 {file.fileName}</span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
