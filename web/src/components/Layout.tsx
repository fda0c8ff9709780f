import { Link, Outlet } from "react-router";
import { useSession } from "../lib/session";
import { Avatar } from "./Avatar";

export function Layout() {
  const { me } = useSession();
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Parley home">
          <span className="brand-mark" aria-hidden="true" />
          Parley
        </Link>
        {me && (
          <span className="whoami">
            <Avatar name={me.name} color={me.color} size={28} />
            <span>{me.name}</span>
            {me.guest && <span className="badge">guest</span>}
          </span>
        )}
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
