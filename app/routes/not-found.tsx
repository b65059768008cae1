import { data } from "react-router";

export function loader() {
  throw data({ message: "errors:notFound" }, { status: 404 });
}

export function action() {
  throw data({ message: "errors:notFound" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
