# syntax=docker/dockerfile:1
# The provider simulator (all five providers on one port, control API under /_sim), for the compose file's demo profile.
# Build from the repository root:  docker build -f deploy/docker/simulator.Dockerfile -t integrationhub-simulator .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/IntegrationHub.ProviderSim/IntegrationHub.ProviderSim.csproj src/IntegrationHub.ProviderSim/
RUN dotnet restore src/IntegrationHub.ProviderSim/IntegrationHub.ProviderSim.csproj
COPY src/IntegrationHub.ProviderSim/ src/IntegrationHub.ProviderSim/
RUN dotnet publish src/IntegrationHub.ProviderSim/IntegrationHub.ProviderSim.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The simulator's default port (SimulatorOptions.DefaultUrl), on every interface. Writable: /tmp only (state is in memory).
ENV ASPNETCORE_URLS=http://+:5090 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 5090
USER $APP_UID
# No /healthz here: the control API's state answers 200 whenever the simulator serves.
# The aspnet image has no curl or wget; bash (in the image) speaks HTTP/1.0 to the host's own port instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5090 && printf 'GET /_sim/state HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "IntegrationHub.ProviderSim.dll"]
