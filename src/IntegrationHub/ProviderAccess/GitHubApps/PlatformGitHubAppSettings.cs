using System.Globalization;
using IntegrationHub.Providers.GitHub;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// The operator's platform GitHub App, Hub:GitHubApp:* (AppId, Slug, ClientId, ClientSecret, PrivateKey or PrivateKeyFile,
/// WebhookSecret, BaseUrl), read and checked once at start: nothing set is "no platform app"; anything set must be
/// complete and usable, or the host stops with one line saying which setting is wrong (never its value, for secrets).
/// </summary>
internal static class PlatformGitHubAppSettings
{
    public const string Section = "Hub:GitHubApp";
    public static readonly Uri DefaultBaseUrl = new("https://github.com");

    private static readonly string[] Keys = ["AppId", "Slug", "ClientId", "ClientSecret", "PrivateKey", "PrivateKeyFile", "WebhookSecret", "BaseUrl"];

    /// <summary>The platform app, or null when none is configured.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or unusable; the message is one line for the operator.</exception>
    public static GitHubAppCredentials? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string? Get(string key) => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        if (Keys.All(k => Get(k) is null))
        {
            return null;
        }

        string[] missing = [.. new[] { "AppId", "Slug", "ClientId", "ClientSecret", "WebhookSecret" }.Where(k => Get(k) is null)];
        if (Get("PrivateKey") is null && Get("PrivateKeyFile") is null)
        {
            missing = [.. missing, "PrivateKey or PrivateKeyFile"];
        }

        if (missing.Length > 0)
        {
            throw Problem($"{Section} is incomplete: {string.Join(", ", missing)} not set (all of AppId, Slug, ClientId, ClientSecret, "
                + "WebhookSecret and PrivateKey or PrivateKeyFile are needed, or none for no platform app).");
        }

        if (!GitHubAppCredentials.TryParseAppId(Get("AppId"), out long appId))
        {
            throw Problem($"{Section}:AppId is '{Get("AppId")}'; it must be the app's numeric App ID (the app's settings page, About).");
        }

        Uri baseUrl = DefaultBaseUrl;
        // http only where every other base URL may be http (the simulator, a trial): the JWTs, installation tokens and
        // client secret sent to it would otherwise cross the network in clear.
        bool httpAllowed = configuration.GetValue<bool>("Hub:Security:AllowHttpBaseUrls");
        if (Get("BaseUrl") is { } typed && (!Uri.TryCreate(typed, UriKind.Absolute, out baseUrl!)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (httpAllowed && baseUrl.Scheme == Uri.UriSchemeHttp))))
        {
            throw Problem($"{Section}:BaseUrl is '{typed}'; it must be an absolute https URL (empty: https://github.com; http only "
                + "with Hub:Security:AllowHttpBaseUrls).");
        }

        return new GitHubAppCredentials
        {
            BaseUrl = baseUrl,
            AppId = appId,
            Slug = Get("Slug")!,
            ClientId = Get("ClientId")!,
            ClientSecret = Get("ClientSecret")!,
            PrivateKeyPem = ReadPrivateKey(Get("PrivateKey"), Get("PrivateKeyFile")),
            WebhookSecret = Get("WebhookSecret")!,
        };
    }

    private static string ReadPrivateKey(string? inline, string? file)
    {
        if (inline is not null && file is not null)
        {
            throw Problem($"{Section}:PrivateKey and {Section}:PrivateKeyFile are both set; set one.");
        }

        string pem;
        string where;
        if (file is not null)
        {
            where = $"{Section}:PrivateKeyFile ({file})";
            try
            {
                pem = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Problem($"{where} cannot be read: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }
        else
        {
            where = $"{Section}:PrivateKey";
            // An environment variable often carries the PEM's line breaks as the two characters \n.
            pem = inline!.Contains('\n', StringComparison.Ordinal) ? inline : inline.Replace("\\n", "\n", StringComparison.Ordinal);
        }

        if (!GitHubAppJwt.IsPrivateKey(pem))
        {
            throw Problem($"{where} is not an RSA private key in PEM (the .pem file GitHub gives, \"BEGIN RSA PRIVATE KEY\", or PKCS#8 \"BEGIN PRIVATE KEY\").");
        }

        return pem;
    }

    private static InvalidOperationException Problem(string line) => new(line);
}
