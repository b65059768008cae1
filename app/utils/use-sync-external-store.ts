// React 19 has useSyncExternalStore itself; the "use-sync-external-store/shim" package that
// react-i18next imports carries a copy for React 16 and 17. Every page would download it.
export { useSyncExternalStore } from "react";
