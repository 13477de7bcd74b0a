import { sortKeys } from "../../emit/serialize.js";
import { shortDiff } from "../../emit/compare.js";
const SERVER_FIELDS = ["id", "version", "iteration", "created", "updated", "createdBy", "updatedBy", "meta"];
function comparable(dashboard) {
  const copy = { ...dashboard };
  for (const f of SERVER_FIELDS) delete copy[f];
  return JSON.stringify(sortKeys(copy), null, 2);
}
function dashboardDiff(live, generated) {
  const a = comparable(live);
  const b = comparable(generated);
  return a === b ? null : shortDiff(a, b);
}
export {
  comparable,
  dashboardDiff
};
