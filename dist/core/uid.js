import { createHash } from "node:crypto";
const UID_MAX = 40;
const UID_CHARSET = /^[a-zA-Z0-9_-]+$/;
function shortHash(text) {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}
function boundedUid(readable, identity) {
  if (identity === void 0 && readable.length <= UID_MAX) return readable;
  const hash = shortHash(identity ?? readable);
  return `${readable.slice(0, UID_MAX - hash.length - 1)}-${hash}`;
}
function dashboardUid(service, id) {
  return boundedUid(`${service}-${id}`);
}
export {
  UID_CHARSET,
  UID_MAX,
  boundedUid,
  dashboardUid,
  shortHash
};
