# syntax=docker/dockerfile:1
# The mention bot (examples/MentionBot), a downstream app of the hub, for the compose file's demo profile.
# Build from the repository root:  docker build -f deploy/docker/mentionbot.Dockerfile -t integrationhub-mentionbot .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY examples/MentionBot/MentionBot.csproj examples/MentionBot/
RUN dotnet restore examples/MentionBot/MentionBot.csproj
COPY examples/MentionBot/ examples/MentionBot/
RUN dotnet publish examples/MentionBot/MentionBot.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The bot's default port (MentionBotOptions.Urls), on every interface. Writable: /tmp only.
ENV ASPNETCORE_URLS=http://+:5095 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 5095
USER $APP_UID
# The bot serves only POST /webhooks (no health endpoint): the check is that it accepts connections on its port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5095"]
ENTRYPOINT ["dotnet", "MentionBot.dll"]
