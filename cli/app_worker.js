// quotemark's service worker: go-app's Handler.ServiceWorkerTemplate
// (cli/app_worker.go). go-app fills in {{.Version}} and
// {{.ResourcesToCache}}: the app version (cli/serve.go appVersion) and every
// file the pages need (app.wasm, wasm_exec.js, app.js, bridge.js, the
// stylesheets, icons, manifest, the article list and texts, and "/").
//
// Unlike go-app's default worker it
//   - finishes caching before it installs (event.waitUntil): a worker that
//     could not cache everything never takes over from one that did;
//   - answers a page load of any app route (/article/…, /compare/…, /corpus,
//     or an address the host does not have) with the cached "/" page when
//     the network fails or the host answers 404: the app then renders the
//     route from the address, so a bookmark opens with the server stopped;
//   - serves everything else cache-first by version, as go-app's does, so a
//     rebuilt app (a new version, a new cache) is picked up and the old
//     cache deleted.
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};
const appShell = "/";

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== cacheName) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && isAppPage(url.pathname)) {
    event.respondWith(loadPage(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// isAppPage: a page address rather than a file. Files live under /web/ and
// /api/, or at the top with a dot in the name (/app.js, /wasm_exec.js,
// /manifest.webmanifest); /article/ and /compare/ addresses are pages
// whatever their id, which may hold a dot.
function isAppPage(path) {
  if (path.startsWith("/web/") || path.startsWith("/api/")) {
    return false;
  }
  return path.indexOf("/", 1) >= 0 || !path.includes(".");
}

async function cacheFirst(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  return fetch(request);
}

// loadPage: the cached page of that address, else the network's, else (no
// network, or a static host without the page) the cached app shell.
async function loadPage(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  let response;
  try {
    response = await fetch(request);
  } catch (err) {
    response = null;
  }
  if (response && response.status !== 404) {
    return response;
  }
  const shell = await cache.match(appShell);
  if (shell) {
    return shell;
  }
  return response || Response.error();
}
