/** Texts of supporting documents (uploads and downloads) and PDF downloads. */
const pairs: Record<string, [string, string]> = {
  "document.title": ["证明材料", "Supporting documents"],
  "document.none": ["尚未上传材料。", "No documents yet."],
  "document.file": ["选择文件(PDF、JPEG 或 PNG)", "Choose a file (PDF, JPEG or PNG)"],
  "document.upload": ["上传", "Upload"],
  "document.uploading": ["正在上传…", "Uploading…"],
  "document.uploaded": ["已上传:{name}", "Uploaded: {name}"],
  "document.limits": ["单个文件不超过 {mb} MB;系统按文件内容识别类型。", "Up to {mb} MB per file; the type is recognised from the content."],
  "document.name": ["文件名", "File name"],
  "document.type": ["类型", "Type"],
  "document.size": ["大小", "Size"],
  "document.by": ["上传人", "Uploaded by"],
  "document.at": ["上传时间", "Uploaded at"],
  "document.download": ["下载", "Download"],
  "document.pdf": ["下载 PDF", "Download PDF"],
  "document.err.empty": ["请选择一个非空文件。", "Choose a file that is not empty."],
  "document.err.tooLarge": ["文件超过 {mb} MB 的上限。", "The file exceeds the {mb} MB limit."],
  "document.err.type": ["只接受 PDF、JPEG 或 PNG 文件(按文件内容判断,不看文件名)。", "Only PDF, JPEG or PNG files are accepted (judged by the content, not the name)."],
  "document.err.extension": ["文件内容是 {type},但文件名的扩展名不符。", "The content is {type} but the file name's extension does not match."],
  "document.err.nameEmpty": ["文件名不能为空。", "The file name is empty."],
  "document.err.namePath": ["文件名不能包含路径(/、\\ 或 ..)。", "The file name must not contain a path (/, \\ or ..)."],
  "document.err.nameChars": ["文件名含有不允许的字符。", "The file name contains characters that are not allowed."],
  "document.err.nameLong": ["文件名最长 150 个字符。", "The file name may have at most 150 characters."],
};

export const documentMessages = {
  zh: Object.fromEntries(Object.entries(pairs).map(([k, [zh]]) => [k, zh])),
  en: Object.fromEntries(Object.entries(pairs).map(([k, [, en]]) => [k, en])),
};
