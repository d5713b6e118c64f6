# syntax=docker/dockerfile:1
# briefbot: a static binary on a minimal, non-root image. Configured from the
# environment alone (see README, "Container"), or from a mounted config file.
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
# The state folder, owned by the image's user (distroless has no shell to make it).
RUN mkdir -p /out/data

# distroless static: CA certificates, tzdata, a nonroot user, nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY --from=build --chown=nonroot:nonroot /out/data /data
COPY --chown=nonroot:nonroot corpus/sample /etc/briefbot/corpus/sample
COPY --chown=nonroot:nonroot config.example.yaml /etc/briefbot/config.example.yaml
# Inside the image the server listens on every interface, so -p reaches it;
# the binary's own default stays 127.0.0.1:8080. A config file's
# http.listen wins. XDG_STATE_HOME puts the SQLite file in /data.
ENV BRIEFBOT_LISTEN=0.0.0.0:8080 \
    XDG_STATE_HOME=/data
VOLUME /data
USER nonroot:nonroot
EXPOSE 8080
# healthcheck asks /healthz on the configured address (BRIEFBOT_LISTEN, or
# http.listen of BRIEFBOT_CONFIG's file), so it follows a changed port.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["/usr/local/bin/briefbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["serve"]
