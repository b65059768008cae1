import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { initials } from "./member-match";
import "~/i18n/pages/editor";

// Who else has this text open now (decision 029), from the provider's awareness: each person's
// initials in their writer colour (the colour of their caret), their name on hover and for screen
// readers. A person with the text open in two tabs shows once; the reader does not see themselves.

type Person = { name: string; color: string };

const isPerson = (user: unknown): user is Person =>
  typeof user === "object" && user !== null && typeof (user as Person).name === "string" && typeof (user as Person).color === "string";

export function Presence({ provider, self }: { provider: HocuspocusProvider; self: Person }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    const awareness = provider.awareness;
    if (!awareness) return;
    const read = () => {
      const seen = new Map<string, Person>();
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: unknown }).user;
        if (clientId === awareness.clientID || !isPerson(user)) continue;
        if (user.name === self.name && user.color === self.color) continue;
        // Only what a name and a colour need: awareness states come from other browsers.
        seen.set(`${user.name}\u0000${user.color}`, { name: user.name.slice(0, 200), color: /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : "#455a64" });
      }
      const next = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
      setPeople((previous) => (JSON.stringify(previous) === JSON.stringify(next) ? previous : next));
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [provider, self.name, self.color]);
  if (people.length === 0) return null;
  return (
    <ul className="presence" aria-label={t("editor:presence.label", { count: people.length })}>
      {people.map((person) => (
        <li key={`${person.name}${person.color}`} className="avatar" style={{ backgroundColor: person.color }} title={person.name}>
          <span aria-hidden="true">{initials(person.name)}</span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
    </ul>
  );
}
