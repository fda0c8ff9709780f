// The page's first script, a few kilobytes, run before the app's code has even been parsed:
// it asks who is signed in, reads the cache and, on a room page, opens the room's socket.
import "./lib/early-start";
