// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors", "plan", "export", "milestones", "activity", "notifications"] as const;
export const defaultNamespace = "common";
