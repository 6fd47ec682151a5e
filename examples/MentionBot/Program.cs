namespace MentionBot;

/// <summary>
/// The mention bot on its own: settings from MentionBot:* (appsettings, environment MentionBot__ApiKey, or
/// --MentionBot:ApiKey=...). A named class rather than top-level statements, so hosts that also reference the hub's web
/// project (the local default's tests) see one Program only.
/// </summary>
internal static class MentionBotProgram
{
    public static async Task Main(string[] args) => await MentionBotApp.Build(args).RunAsync();
}
