using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>The own GitHub App page as a browser uses it: read it, post its form (with antiforgery), read what it says.</summary>
internal static partial class OwnGitHubAppSteps
{
    public const string Page = "/integrations/github/own-github-app";

    /// <summary>A complete form for an app at <paramref name="baseUrl"/>; tests change one field to break it.</summary>
    public static Dictionary<string, string> Fields(string baseUrl, string appId = "42", string slug = "acme-hub", string clientId = "Iv1.client",
        string clientSecret = "the-client-secret", string webhookSecret = "the-webhook-secret") => new()
    {
        ["Input.BaseUrl"] = baseUrl, ["Input.AppId"] = appId, ["Input.Slug"] = slug, ["Input.ClientId"] = clientId,
        ["Input.ClientSecret"] = clientSecret, ["Input.PrivateKeyPem"] = GitHubAppKeys.Pem, ["Input.WebhookSecret"] = webhookSecret,
    };

    /// <summary>Posts the app form (from <paramref name="pageUrl"/>, the page or its edit view); the response.</summary>
    public static Task<HttpResponseMessage> SaveAsync(HttpClient browser, Dictionary<string, string> fields, string pageUrl = Page) =>
        Forms.SubmitAsync(browser, pageUrl, "own-github-app", fields);

    /// <summary>Saves an app that must be accepted; its id, from the redirect to ?saved={id}.</summary>
    public static async Task<Guid> SavedAsync(HttpClient browser, Dictionary<string, string> fields)
    {
        using var saved = await SaveAsync(browser, fields);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"not saved: {Error(await saved.Content.ReadAsStringAsync())}");
        return Guid.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(saved.Headers.Location!.Query)["saved"]!);
    }

    /// <summary>Confirms "Delete…" for <paramref name="id"/>: the confirmation's form posted.</summary>
    public static Task<HttpResponseMessage> DeleteAsync(HttpClient browser, Guid id) =>
        Forms.SubmitAsync(browser, $"{Page}?delete={id:D}", "own-github-app-delete", new Dictionary<string, string> { ["DeleteInput.Id"] = id.ToString() });

    /// <summary>The text of the element with that id (a code, the error alert), decoded; null when absent.</summary>
    public static string? Text(string html, string id)
    {
        var m = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    public static string? Error(string html) => Text(html, "own-github-app-error");
}
