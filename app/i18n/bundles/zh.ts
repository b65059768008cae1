import type { ResourceLanguage } from "i18next";
import { byNamespace } from "../resources";

// Every namespace of one language, in one chunk (see ../resources.ts).
export default byNamespace(import.meta.glob<{ default: ResourceLanguage[string] }>("../../../locales/zh/*.json", { eager: true }));
