const URGENCIES = ["page", "ticket", "info"];
export {
  URGENCIES
};
