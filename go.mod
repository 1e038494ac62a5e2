module quotemark

go 1.26.0

require (
	github.com/google/uuid v1.6.0
	github.com/maxence-charriere/go-app/v10 v10.1.11
	golang.org/x/text v0.43.0
)
