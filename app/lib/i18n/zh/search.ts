// search: the header search box, its results page and the searchable pickers. English in ../en/search.ts.
export const search = {
  "search.label": "搜索",
  "search.placeholder": "搜索项目、投资方、企业、联系人（按 / 聚焦）",
  "search.submit": "搜索",
  "search.title": "搜索",
  "search.hint": "按名称、项目编号、统一社会信用代码或拼音首字母（如 bdt 找“半导体”）查找；只列出你有权查看的记录。",
  "search.kind.project": "项目",
  "search.kind.enterprise": "企业",
  "search.kind.investor": "投资方",
  "search.kind.contact": "联系人",
  "search.none": "没有找到匹配“{q}”的记录。",
  "search.showAll": "查看全部结果",
  "search.more": "仅列出前 {n} 条，请输入更多字词缩小范围。",
  "combobox.filter": "输入名称或拼音首字母筛选",
  "combobox.none": "没有匹配的选项",
} as const;
