import type { MessageKey } from "../keys";

// attachments: English. The keys are Chinese's (../zh/attachments.ts); ../en/index.ts checks none is missing.
export const attachments = {
  "activityFiles.label": "Photos, minutes, business cards",
  "activityFiles.hint": "Several at once. JPG or PNG photos and PDFs, at most {max} MB each, up to {n} files.",
  "activityFiles.takePhoto": "Take photo",
  "activityFiles.chosen": "Chosen: {names}",
  "activityFiles.title": "Attachments",
  "activityFiles.open": "Open {name}",
  "activityFiles.error.noFile": "A file name is not valid; the activity was not saved. Rename the file and choose it again.",
  "activityFiles.error.empty": "“{name}” is empty (0 bytes); the activity was not saved. Choose the file again.",
  "activityFiles.error.tooLarge": "“{name}” is larger than {max} MB; the activity was not saved. Compress it and choose it again.",
  "activityFiles.error.type": "“{name}” is not a JPG, PNG or PDF file (recognised by its content, not its extension); the activity was not saved.",
  "activityFiles.error.tooMany": "At most {max} files an activity; the activity was not saved.",
} satisfies Partial<Record<MessageKey, string>>;
