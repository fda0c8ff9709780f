import { Link } from "react-router";

export function NotFound() {
  return (
    <div className="card stack center">
      <h1>Page not found</h1>
      <p className="muted">There's nothing at this address. The link may be old or mistyped.</p>
      <Link to="/" className="button primary">
        Back to the lobby
      </Link>
    </div>
  );
}
