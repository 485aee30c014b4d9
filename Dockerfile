# syntax=docker/dockerfile:1
# Build: docker build -t pariscall .
# Run:   docker run -p 8080:8080 -e PARISCALL_SLACK_BOT_TOKEN=xoxb-… \
#          -e PARISCALL_SLACK_SIGNING_SECRET=… pariscall

FROM golang:1.26 AS build
WORKDIR /src
# Dependencies first, in their own layer, so code changes reuse the cache.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/pariscall ./cmd/pariscall

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/pariscall /usr/local/bin/pariscall
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/pariscall", "serve"]
