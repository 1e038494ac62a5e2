module quotemark

go 1.26.0

require (
	github.com/andybalholm/brotli v1.3.0
	github.com/google/uuid v1.6.0
	github.com/maxence-charriere/go-app/v10 v10.1.11
	golang.org/x/text v0.43.0
)

require (
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
)

require github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect

// Test only: checks the W3C Web Annotation export against the W3C's schemas.
require github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
