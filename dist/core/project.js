import { shortHash } from "./uid.js";
const PROJECT_TAG_PREFIX = "dac-project:";
const TAG_MAX = 50;
function projectTag(id) {
  const tag = `${PROJECT_TAG_PREFIX}${id}`;
  if (tag.length <= TAG_MAX) return tag;
  const hash = shortHash(id);
  return `${tag.slice(0, TAG_MAX - hash.length - 1)}-${hash}`;
}
export {
  PROJECT_TAG_PREFIX,
  projectTag
};
