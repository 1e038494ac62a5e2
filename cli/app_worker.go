package cli

import _ "embed"

// appWorkerTemplate is the service worker go-app serves as /app-worker.js
// (Handler.ServiceWorkerTemplate): go-app's caching by version, plus page
// loads of any route falling back to the cached app shell, so every page
// opens offline once the app has loaded. See app_worker.js.
//
//go:embed app_worker.js
var appWorkerTemplate string
