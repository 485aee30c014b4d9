package slack

// WebAPI is the narrow Web API interface, exported for tests.
type WebAPI = webAPI

// SetWebAPI replaces the adapter's Web API client with a fake.
func (a *Adapter) SetWebAPI(api WebAPI) { a.api = api }
