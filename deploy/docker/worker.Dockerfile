# syntax=docker/dockerfile:1
# The worker host: Hangfire servers and the background processes (inbox, poll, outbound); serves only GET /healthz.
# Build from the repository root:  docker build -f deploy/docker/worker.Dockerfile -t integrationhub-worker .
# Migrate as an init step:          docker run --rm -e ConnectionStrings__Hub=... integrationhub-worker --migrate-only
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/IntegrationHub.Providers/IntegrationHub.Providers.csproj src/IntegrationHub.Providers/
COPY src/IntegrationHub/IntegrationHub.csproj src/IntegrationHub/
COPY src/IntegrationHub.Worker/IntegrationHub.Worker.csproj src/IntegrationHub.Worker/
RUN dotnet restore src/IntegrationHub.Worker/IntegrationHub.Worker.csproj
COPY migrations/ migrations/
COPY src/IntegrationHub.Providers/ src/IntegrationHub.Providers/
COPY src/IntegrationHub/ src/IntegrationHub/
COPY src/IntegrationHub.Worker/ src/IntegrationHub.Worker/
RUN dotnet publish src/IntegrationHub.Worker/IntegrationHub.Worker.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The worker's own default is http://127.0.0.1:5081 (loopback only); in a container it must answer probes from outside,
# on the port the README's Operations section gives a worker node. Writable: /tmp only.
ENV ASPNETCORE_URLS=http://+:8081 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 8081
USER $APP_UID
# The aspnet image has no curl or wget; bash (in the image) speaks HTTP/1.0 to the host's own port instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "IntegrationHub.Worker.dll"]
