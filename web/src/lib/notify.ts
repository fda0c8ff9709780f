import { notificationsWanted } from "./prefs";

/** Shows a system notification if the user allowed them here and in the browser. */
export function notify(title: string, body: string, onClick?: () => void) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  if (!notificationsWanted()) return;
  const n = new Notification(title, { body: body.slice(0, 200), tag: title });
  n.onclick = () => {
    window.focus();
    onClick?.();
    n.close();
  };
}

export async function askNotificationPermission(): Promise<NotificationPermission | "unsupported"> {
  if (typeof Notification === "undefined") return "unsupported";
  if (Notification.permission !== "default") return Notification.permission;
  return Notification.requestPermission();
}
