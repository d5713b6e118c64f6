# syntax=docker/dockerfile:1
# briefbot: a static binary on a minimal, non-root image.
#   docker build --build-arg VERSION=1.0.0 -t briefbot .
#   docker run -p 8080:8080 -v briefbot-data:/data -e SLACK_SIGNING_SECRET=... briefbot
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# The same build line CI runs (.ci/build): CGO_ENABLED=0, -trimpath, version injected.
RUN VERSION="${VERSION}" sh .ci/build /out/briefbot

# distroless static: CA certificates, tzdata, a nonroot user, nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY --chown=nonroot:nonroot corpus/sample /etc/briefbot/corpus/sample
COPY --chown=nonroot:nonroot config.example.yaml /etc/briefbot/config.example.yaml
ENV XDG_STATE_HOME=/data
VOLUME /data
USER nonroot:nonroot
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["/usr/local/bin/briefbot", "healthcheck", "-url", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["serve"]
