import type { MentionNodeAttrs } from "@tiptap/extension-mention";
import type { SuggestionOptions, SuggestionProps } from "@tiptap/suggestion";
import { matchMembers, type Mentionable } from "./member-match";

// The list an @ opens in the editor (decision 029): the project's members matching what follows
// the @, as a listbox the editor points at (aria-controls, aria-activedescendant), so screen
// readers announce the highlighted name while the caret stays in the text. Arrows move, Enter or
// Tab inserts, Escape closes; a click inserts too. Loaded with the editor only (collab-editor.tsx).

let lists = 0;

export function mentionSuggestion(getMembers: () => Mentionable[], listLabel: () => string): Omit<SuggestionOptions<Mentionable, MentionNodeAttrs>, "editor"> {
  return {
    char: "@",
    // Chinese is written without spaces: "请@王芳" must open the list too.
    allowedPrefixes: null,
    items: ({ query }) => matchMembers(getMembers(), query),
    render: () => {
      const id = `mention-list-${++lists}`;
      let list: HTMLUListElement | null = null;
      let unmount: (() => void) | undefined;
      let props: SuggestionProps<Mentionable, MentionNodeAttrs> | null = null;
      let active = 0;
      const choose = (index: number) => {
        const member = props?.items[index];
        if (member && props) props.command({ id: member.id, label: member.name });
      };
      const draw = () => {
        if (!list || !props) return;
        const dom = props.editor.view.dom;
        const items = props.items;
        list.hidden = items.length === 0;
        list.replaceChildren(
          ...items.map((member, index) => {
            const option = document.createElement("li");
            option.id = `${id}-${index}`;
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", String(index === active));
            option.textContent = member.name;
            // Keep the editor's focus and selection: the click inserts.
            option.addEventListener("mousedown", (event) => event.preventDefault());
            option.addEventListener("click", () => choose(index));
            return option;
          }),
        );
        if (items.length > 0) dom.setAttribute("aria-activedescendant", `${id}-${active}`);
        else dom.removeAttribute("aria-activedescendant");
      };
      const close = () => {
        if (props) {
          const dom = props.editor.view.dom;
          dom.removeAttribute("aria-activedescendant");
          dom.removeAttribute("aria-controls");
          dom.removeAttribute("aria-autocomplete");
        }
        unmount?.();
        unmount = undefined;
        list = null;
      };
      return {
        onStart(next) {
          props = next;
          active = 0;
          list = document.createElement("ul");
          list.id = id;
          list.className = "mention-list";
          list.setAttribute("role", "listbox");
          list.setAttribute("aria-label", listLabel());
          const dom = next.editor.view.dom;
          dom.setAttribute("aria-controls", id);
          dom.setAttribute("aria-autocomplete", "list");
          unmount = next.mount(list);
          draw();
        },
        onUpdate(next) {
          props = next;
          active = Math.min(active, Math.max(0, next.items.length - 1));
          draw();
        },
        onKeyDown({ event }) {
          const count = props?.items.length ?? 0;
          if (event.key === "Escape") {
            close();
            return true;
          }
          if (count === 0) return false;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            active = (active + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
            draw();
            return true;
          }
          if (event.key === "Enter" || event.key === "Tab") {
            choose(active);
            return true;
          }
          return false;
        },
        onExit() {
          close();
          props = null;
        },
      };
    },
  };
}
