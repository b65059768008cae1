import { useEffect, useState } from "react";

/**
 * A link to copy into a message. The server gives it on PUBLIC_URL, or relative when that is not
 * set; the browser then completes it with the address of the page the person is on (the server
 * never builds it from a request's Host header).
 */
export function CopyLink({ id, link }: { id: string; link: string }) {
  const [shown, setShown] = useState(link);
  useEffect(() => setShown(new URL(link, window.location.href).href), [link]);
  return <input id={id} readOnly value={shown} className="copy-field" onFocus={(event) => event.currentTarget.select()} />;
}
