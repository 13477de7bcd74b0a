const isAlert = (r) => "alert" in r;
const isRecording = (r) => "record" in r;
const SEVERITIES = ["critical", "warning", "info", "page", "ticket"];
export {
  SEVERITIES,
  isAlert,
  isRecording
};
