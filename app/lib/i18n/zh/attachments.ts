// attachments: files of an activity (visit photos, minutes, business cards). English in ../en/attachments.ts.
export const attachments = {
  "activityFiles.label": "照片、纪要、名片",
  "activityFiles.hint": "可多选。支持 JPG、PNG 照片和 PDF，单个文件不超过 {max} MB，最多 {n} 个。",
  "activityFiles.takePhoto": "拍照",
  "activityFiles.chosen": "已选：{names}",
  "activityFiles.title": "附件",
  "activityFiles.open": "查看 {name}",
  "activityFiles.error.noFile": "文件名无效，未保存本次跟进记录。请重命名后重新选择。",
  "activityFiles.error.empty": "“{name}”是空文件（0 字节），未保存本次跟进记录。请重新选择文件。",
  "activityFiles.error.tooLarge": "“{name}”超过 {max} MB，未保存本次跟进记录。请压缩后重新选择。",
  "activityFiles.error.type": "“{name}”不是 JPG、PNG 或 PDF 文件（按内容识别，改扩展名无效），未保存本次跟进记录。",
  "activityFiles.error.tooMany": "一次最多附 {max} 个文件，未保存本次跟进记录。",
} as const;
