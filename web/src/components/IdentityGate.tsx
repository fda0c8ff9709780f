import { Link, useLocation } from "react-router";
import { GuestForm } from "./GuestForm";

/** Shown when a page needs an identity: a guest name, or an account; then back to the page. */
export function IdentityGate({ title, intro }: { title: string; intro?: string }) {
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <div className="auth-page">
      <GuestForm title={title} intro={intro} />
      <p className="muted center small">
        Have an account? <Link to={`/login?next=${next}`}>Log in</Link> ·{" "}
        <Link to={`/register?next=${next}`}>Create an account</Link>
      </p>
    </div>
  );
}
