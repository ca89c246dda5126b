export { queryRows } from "~db/query-rows";
