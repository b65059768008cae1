// locales/<lang>/<namespace>.json
export const namespaces = ["common", "auth", "projects", "errors"] as const;
export const defaultNamespace = "common";
