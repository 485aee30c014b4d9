package slack

// MaxAttempts is how many times one Web API call is made at most, exported
// for the fault tests.
const MaxAttempts = maxAttempts

// MaxInFlight is how many answers are posted at once at most, exported for
// the fault tests.
const MaxInFlight = maxInFlight
