# syntax=docker/dockerfile:1
# The web host: dashboard, OAuth endpoints, webhook ingress, /api/v1, GET /healthz (see the README's Operations section).
# Build from the repository root:  docker build -f deploy/docker/web.Dockerfile -t integrationhub-web .
# Migrate as an init step:          docker run --rm -e ConnectionStrings__Hub=... integrationhub-web --migrate-only
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/IntegrationHub.Providers/IntegrationHub.Providers.csproj src/IntegrationHub.Providers/
COPY src/IntegrationHub/IntegrationHub.csproj src/IntegrationHub/
COPY src/IntegrationHub.Web/IntegrationHub.Web.csproj src/IntegrationHub.Web/
RUN dotnet restore src/IntegrationHub.Web/IntegrationHub.Web.csproj
COPY migrations/ migrations/
COPY src/IntegrationHub.Providers/ src/IntegrationHub.Providers/
COPY src/IntegrationHub/ src/IntegrationHub/
COPY src/IntegrationHub.Web/ src/IntegrationHub.Web/
RUN dotnet publish src/IntegrationHub.Web/IntegrationHub.Web.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Listens where the README's Operations section runs a web node; the image's own ASPNETCORE_HTTP_PORTS is cleared so
# one setting says where. A read-only root filesystem needs only /tmp writable (the runtime's diagnostics socket).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 8080
USER $APP_UID
# The aspnet image has no curl or wget; bash (in the image) speaks HTTP/1.0 to the host's own port instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "IntegrationHub.Web.dll"]
