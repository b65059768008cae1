import { useId, useRef, useState, type TextareaHTMLAttributes } from "react";
import { matchMembers, type Mentionable } from "~/editor/member-match";
import { useTranslation } from "~/i18n/use-translation";
import "~/i18n/pages/editor";

// A comment's text field where @ suggests project members as one types (decision 029): "@wa"
// offers 王芳 Wang Fang; Enter or Tab (or a click) writes "@王芳 Wang Fang ", which the server
// recognises as a mention (app/plan/comments.server.ts). The list is a listbox the field points at
// (aria-controls, aria-activedescendant); arrows move, Escape closes. Without scripts it is a
// plain text field, and typing the name after @ mentions just the same.

/** What follows the @ being typed, if the caret is in one: its start and the query. */
function mentionAt(value: string, caret: number): { start: number; query: string } | null {
  const before = value.slice(0, caret);
  const match = /(?:^|[^\p{L}\p{N}_.])@([^\s@]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

export function MentionTextarea({ members, ...props }: { members: Mentionable[] } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { t } = useTranslation();
  const listId = useId();
  const hintId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [open, setOpen] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const items = open ? matchMembers(members, open.query) : [];

  const look = () => {
    const element = field.current;
    if (!element) return;
    const found = element.selectionStart === element.selectionEnd ? mentionAt(element.value, element.selectionStart) : null;
    setOpen((previous) => (previous?.start === found?.start && previous?.query === found?.query ? previous : found));
    if (found?.query !== open?.query) setActive(0);
  };

  const choose = (member: Mentionable) => {
    const element = field.current;
    if (!element || !open) return;
    const end = open.start + 1 + open.query.length;
    const inserted = `@${member.name} `;
    element.setRangeText(inserted, open.start, end, "end");
    setOpen(null);
    element.focus();
  };

  const shown = open !== null && items.length > 0;
  return (
    <div className="mention-field">
      <textarea
        {...props}
        ref={field}
        aria-describedby={[props["aria-describedby"], hintId].filter(Boolean).join(" ")}
        aria-autocomplete="list"
        aria-controls={shown ? listId : undefined}
        aria-activedescendant={shown ? `${listId}-${Math.min(active, items.length - 1)}` : undefined}
        onInput={look}
        onClick={look}
        onKeyUp={(event) => {
          if (!["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"].includes(event.key)) look();
        }}
        onBlur={() => setOpen(null)}
        onKeyDown={(event) => {
          if (!shown) return;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => (index + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
          } else if (event.key === "Enter" || event.key === "Tab") {
            event.preventDefault();
            choose(items[Math.min(active, items.length - 1)]!);
          } else if (event.key === "Escape") {
            event.preventDefault();
            setOpen(null);
          }
        }}
      />
      {shown ? (
        <ul id={listId} role="listbox" className="mention-list" aria-label={t("editor:mention.list")}>
          {items.map((member, index) => (
            <li
              key={member.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === Math.min(active, items.length - 1)}
              // Keep the field's focus: the click inserts.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
            >
              {member.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p id={hintId} className="field-hint muted">
        {t("editor:mention.hint")}
      </p>
    </div>
  );
}
