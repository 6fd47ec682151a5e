using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.ProviderSim.Tests.Infrastructure;

/// <summary>Drives an authorize redirect and reads the code or error from the Location header.</summary>
internal static class OAuthHelper
{
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    public static async Task<Dictionary<string, string>> Authorize(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.True((int)response.StatusCode is 302 or 301, $"expected a redirect from {url}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return RedirectParams(response);
    }

    public static Dictionary<string, string> RedirectParams(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        var query = location.Contains('?') ? location[location.IndexOf('?')..] : "";
        return QueryHelpers.ParseQuery(query).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    public static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
}
