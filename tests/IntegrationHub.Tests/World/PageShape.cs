using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.World;

/// <summary>
/// A page with what legitimately differs between two renders removed: the fresh antiforgery tokens, Blazor's
/// encrypted component state (a new nonce each time), and the e-mail typed. What is left must be the same for two
/// answers that must not tell an attacker apart.
/// </summary>
public static partial class PageShape
{
    public static async Task<string> OfAsync(HttpResponseMessage response, string email)
    {
        string html = await response.Content.ReadAsStringAsync();
        html = TokenPattern().Replace(html, "token");
        html = StatePattern().Replace(html, "<!--state-->");
        return html.Replace(email, "EMAIL", StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<!--Blazor-[A-Za-z]+-Component-State:[^>]*-->")]
    private static partial Regex StatePattern();
}
