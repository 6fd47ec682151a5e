using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.World;

/// <summary>Posts forms the way a browser does: fetch the page, take its antiforgery token, post the fields.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string? handler, IDictionary<string, string> fields, string? action = null)
    {
        var page = await client.GetAsync(pageUrl);
        string html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {pageUrl} ({(int)page.StatusCode}).");
        }

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        if (handler is not null)
        {
            form["_handler"] = handler;
        }

        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Like <see cref="SubmitAsync"/>, for a form that repeats a field (ticked checkboxes of one name).</summary>
    public static async Task<HttpResponseMessage> SubmitPairsAsync(HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string action)
    {
        string html = await client.GetStringAsync(pageUrl);
        var token = TokenPattern().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(
            [.. fields, new KeyValuePair<string, string>("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
    }

    public static async Task<HttpResponseMessage> SignUpAsync(HttpClient client, string email, string tenant, string password = "correct-horse-battery") =>
        await SubmitAsync(client, "/account/signup", "signup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Test Person",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.TenantName"] = tenant,
        });

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = "correct-horse-battery") =>
        await SubmitAsync(client, "/account/signin", "signin", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
