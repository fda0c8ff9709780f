import { useEffect, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { ConfirmProvider } from "../lib/confirm";
import { useSession } from "../lib/session";
import { Avatar } from "./Avatar";
import { UpdatePrompt } from "./UpdatePrompt";

export function Layout() {
  const { me, logout } = useSession();
  const [menu, setMenu] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  // Any navigation closes the menu.
  const path = location.pathname;
  useEffect(() => {
    if (path) setMenu(false);
  }, [path]);
  const onAuthPage = location.pathname === "/login" || location.pathname === "/register";

  return (
    <ConfirmProvider>
      <div className="app">
        <a href="#main" className="skip">
          Skip to content
        </a>
        <header className="topbar">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                <path
                  fill="currentColor"
                  d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16a1 1 0 0 1-1-1z"
                />
              </svg>
            </span>
            Parley
          </Link>
          <nav aria-label="Main" className="nav">
            <UpdatePrompt />
            <NavLink to="/" end>
              Rooms
            </NavLink>
            {me ? (
              <div className="user-menu">
                <button
                  type="button"
                  className="whoami"
                  aria-expanded={menu}
                  aria-haspopup="true"
                  onClick={() => setMenu((m) => !m)}
                  onKeyDown={(e) => e.key === "Escape" && setMenu(false)}
                  onBlur={(e) => {
                    if (!e.currentTarget.parentElement?.contains(e.relatedTarget)) setMenu(false);
                  }}
                >
                  <Avatar name={me.name} color={me.color} size={28} />
                  <span className="whoami-name">{me.name}</span>
                  {me.guest && <span className="badge">guest</span>}
                </button>
                {menu && (
                  <div className="menu">
                    {me.username && (
                      <Link to={`/u/${encodeURIComponent(me.username)}`}>Your profile</Link>
                    )}
                    <Link to="/settings">Settings</Link>
                    {me.guest && <Link to={`/register?next=${next}`}>Create an account</Link>}
                    <button
                      type="button"
                      onClick={async () => {
                        await logout().catch(() => undefined);
                        navigate("/");
                      }}
                    >
                      Log out
                    </button>
                  </div>
                )}
              </div>
            ) : (
              me === null &&
              !onAuthPage && (
                <>
                  <Link to={`/login?next=${next}`}>Log in</Link>
                  <Link to={`/register?next=${next}`} className="button primary small">
                    Sign up
                  </Link>
                </>
              )
            )}
          </nav>
        </header>
        <main className={path.startsWith("/r/") ? "content room-page" : "content"} id="main">
          <Outlet />
        </main>
      </div>
    </ConfirmProvider>
  );
}
