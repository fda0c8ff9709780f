import { Link } from "react-router";
import { useTitle } from "../lib/hooks";

export function NotFound() {
  useTitle("Page not found · Parley");
  return (
    <div className="card stack center notfound">
      <p className="big" aria-hidden="true">
        404
      </p>
      <h1>Page not found</h1>
      <p className="muted">There's nothing at this address. The link may be old or mistyped.</p>
      <Link to="/" className="button primary">
        Back to the lobby
      </Link>
    </div>
  );
}
