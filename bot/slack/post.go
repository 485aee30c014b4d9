package slack

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/slack-go/slack"
)

const (
	maxAttempts  = 3           // calls to one Web API method, counting 429 retries
	maxRetryWait = time.Minute // a longer Retry-After gives up at once
)

// postPages posts an answer's pages with chat.postMessage, in thread when
// thread is set. If a page fails, the pages already posted are deleted, so
// the user never sees half an answer.
func (a *Adapter) postPages(ctx context.Context, channel, thread string, pages []page) error {
	var posted []string
	for _, p := range pages {
		opts := []slack.MsgOption{
			slack.MsgOptionText(p.Text, false),
			slack.MsgOptionBlocks(p.Blocks...),
			slack.MsgOptionDisableLinkUnfurl(),
			slack.MsgOptionDisableMediaUnfurl(),
		}
		if thread != "" {
			opts = append(opts, slack.MsgOptionTS(thread))
		}
		var ts string
		err := a.call(ctx, "chat.postMessage", func() (err error) {
			_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
			return err
		})
		if err != nil {
			a.unpost(ctx, channel, posted)
			return err
		}
		posted = append(posted, ts)
	}
	return nil
}

// unpost deletes messages already posted for an answer that failed half
// way, even when ctx is already done.
func (a *Adapter) unpost(ctx context.Context, channel string, timestamps []string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	for _, ts := range timestamps {
		_ = a.call(ctx, "chat.delete", func() error {
			_, _, err := a.api.DeleteMessageContext(ctx, channel, ts)
			return err
		})
	}
}

// respond sends r through a slash command's or interaction's response_url.
func (a *Adapter) respond(ctx context.Context, responseURL string, r reply) error {
	return a.call(ctx, "response_url", func() error {
		_, _, err := a.api.PostMessageContext(ctx, "",
			slack.MsgOptionResponseURL(responseURL, r.ResponseType),
			slack.MsgOptionText(r.Text, false),
			slack.MsgOptionBlocks(r.Blocks...))
		return err
	})
}

// call runs one Web API call, retrying after a 429 once its Retry-After has
// passed, at most maxAttempts times in all. Other failures are logged with
// Slack's error code and counted.
func (a *Adapter) call(ctx context.Context, method string, f func() error) error {
	for attempt := 1; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		if wait, limited := retryAfter(err); limited && attempt < maxAttempts && wait <= maxRetryWait {
			a.log.Warn("slack rate limited", "method", method, "retry_after", wait, "attempt", attempt)
			timer := time.NewTimer(wait)
			select {
			case <-timer.C:
				continue
			case <-ctx.Done():
				timer.Stop()
				err = ctx.Err()
			}
		}
		a.obs.APIError(platform, method)
		a.log.Error("slack api call failed", "method", method, "code", errorCode(err), "attempts", attempt)
		return err
	}
}

// retryAfter reports whether err is a 429, and how long Slack asked to wait.
func retryAfter(err error) (time.Duration, bool) {
	var limited *slack.RateLimitedError
	if errors.As(err, &limited) {
		return limited.RetryAfter, true
	}
	var status slack.StatusCodeError
	if errors.As(err, &status) && status.Code == http.StatusTooManyRequests {
		return time.Second, true
	}
	return 0, false
}

// errorCode names a failure for logs without printing URLs or tokens: Slack's
// own error code when there is one.
func errorCode(err error) string {
	var (
		slackErr slack.SlackErrorResponse
		status   slack.StatusCodeError
		urlErr   *url.Error
	)
	switch {
	case errors.As(err, &slackErr):
		return slackErr.Err
	case errors.As(err, &status):
		return "http_" + strconv.Itoa(status.Code)
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &urlErr):
		return "transport: " + urlErr.Err.Error()
	}
	if _, limited := retryAfter(err); limited {
		return "ratelimited"
	}
	return "unexpected"
}
