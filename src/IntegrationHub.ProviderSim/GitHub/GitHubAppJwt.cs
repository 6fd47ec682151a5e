using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Checks an app's JWT as GitHub does: RS256 over <c>header.payload</c> with the app's public key, <c>iss</c> the app id
/// (number or string) or its client id, <c>iat</c> not in the future (60 s of drift allowed), <c>exp</c> in the future
/// and at most 10 minutes after <c>iat</c> and after now. Failures answer with GitHub's own 401 messages; a wrong
/// <c>iss</c> or signature is "could not be decoded", as GitHub says it (octokit/auth-app.js#375).
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
/// </summary>
internal static class GitHubAppJwt
{
    public const string NotDecoded = "A JSON web token could not be decoded";
    public const string IatInvalid = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
    public const string ExpInvalid = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
    public const string ExpTooFar = "'Expiration time' claim ('exp') is too far in the future";
    public const string IssMissing = "Missing 'issuer' claim ('iss') in assertion";

    private static readonly TimeSpan Drift = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The app the JWT authenticates, or null with the refusal message.</summary>
    public static GitHubApp? Verify(string? jwt, GitHubAppStore apps, DateTimeOffset now, out string error)
    {
        error = NotDecoded;
        var parts = jwt?.Split('.') ?? [];
        if (parts.Length != 3) return null;
        JsonObject header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url(parts[0])) as JsonObject ?? throw new JsonException();
            claims = JsonNode.Parse(Base64Url(parts[1])) as JsonObject ?? throw new JsonException();
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }

        if (Text(header["alg"]) != "RS256") return null;
        if (Text(claims["iss"]) is not { Length: > 0 } issuer)
        {
            error = IssMissing;
            return null;
        }

        var app = apps.FindByIssuer(issuer);
        if (app is null) return null;
        using (var key = app.OpenPublicKey())
        {
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return null;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        if (Seconds(claims["iat"]) is not { } iat || iat > nowSeconds + (long)Drift.TotalSeconds)
        {
            error = IatInvalid;
            return null;
        }

        if (Seconds(claims["exp"]) is not { } exp || exp <= nowSeconds)
        {
            error = ExpInvalid;
            return null;
        }

        if (exp - iat > (long)MaxLifetime.TotalSeconds || exp > nowSeconds + (long)MaxLifetime.TotalSeconds)
        {
            error = ExpTooFar;
            return null;
        }

        error = "";
        return app;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => v.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
            _ => null,
        }
        : null;

    private static long? Seconds(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var s) ? s : null;

    private static byte[] Base64Url(string part)
    {
        var s = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - s.Length % 4) % 4), '='));
    }
}
