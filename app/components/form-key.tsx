import { useRouteLoaderData } from "react-router";
import type { loader as rootLoader } from "~/root";

/**
 * The one-time key of a create form (app/utils/once.server.ts): sent twice, the form creates once.
 * A new key comes with every load of the page's data, so after a success the next form is new.
 */
export function FormKey() {
  const key = useRouteLoaderData<typeof rootLoader>("root")?.formKey;
  return key ? <input type="hidden" name="formKey" value={key} /> : null;
}
