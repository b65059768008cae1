import { useEffect, useState } from "react";
import { useLocation } from "react-router";

// A status message that outlives the page it was said on: "the milestone is created" is said on
// the new milestone's page. The live region is on every page from the start (the root), so a screen
// reader announces the text when it arrives; it goes once the reader moves on.

type Entry = { message: string; path: string; seen: boolean };
let tell: ((entry: Entry) => void) | null = null;

/** Says `message` once the page at `path` is shown. */
export function announce(message: string, path: string) {
  tell?.({ message, path, seen: false });
}

export function Announcer() {
  const location = useLocation();
  const [entry, setEntry] = useState<Entry | null>(null);
  useEffect(() => {
    tell = setEntry;
    return () => {
      tell = null;
    };
  }, []);
  const here = entry !== null && entry.path === location.pathname;
  useEffect(() => {
    if (!entry) return;
    if (here && !entry.seen) setEntry({ ...entry, seen: true });
    else if (!here && entry.seen) setEntry(null);
  }, [entry, here]);
  return (
    <div role="status" className={here ? "announcer shown" : "announcer"}>
      {here ? entry.message : null}
    </div>
  );
}
