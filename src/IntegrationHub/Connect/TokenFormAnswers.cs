using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace IntegrationHub.Connect;

/// <summary>
/// What the token forms' HTTP posts answer, for scripts and clients without a circuit: a 302 to the Integrations page,
/// as the static pages answered; a refusal as a small HTML page with the words under the id the page used (scripts
/// read it as the pages' readers did); the webhook-only Bitbucket answer with the URL and the secret shown once.
/// </summary>
internal static class TokenFormAnswers
{
    /// <summary>An absolute Location, as the static pages sent it (scripts read its path and query).</summary>
    public static IResult Redirect(HttpRequest request, string pathAndQuery)
    {
        int query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return Results.Redirect(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase,
            pathAndQuery[..(query < 0 ? pathAndQuery.Length : query)], query < 0 ? default : new QueryString(pathAndQuery[query..])));
    }

    /// <summary>400 with the words the page shows, under <paramref name="errorId"/>; nothing posted is echoed back.</summary>
    public static IResult Refused(string errorId, string words, string formPath, string title = "Not connected") => Page(StatusCodes.Status400BadRequest, title,
        $"<p id=\"{errorId}\">{WebUtility.HtmlEncode(words)}</p>\n<p><a href=\"{WebUtility.HtmlEncode(formPath)}\">Back to the form</a></p>");

    /// <summary>The webhook to add at Bitbucket; the secret is in no other answer, so nothing may cache this one.</summary>
    public static IResult Webhook(HttpContext context, string fullPath, string url, string secret)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Page(StatusCodes.Status200OK, "Bitbucket Data Center", $"""
            <p id="webhook-answer">Add a webhook to <strong>{WebUtility.HtmlEncode(fullPath)}</strong> in Bitbucket (Repository settings → Webhooks) with:</p>
            <dl>
            <dt>URL</dt><dd><code id="webhook-url">{WebUtility.HtmlEncode(url)}</code></dd>
            <dt>Secret</dt><dd><code id="webhook-secret">{WebUtility.HtmlEncode(secret)}</code></dd>
            <dt>Events</dt><dd>{BitbucketDcConnector.WebhookEvents}</dd>
            </dl>
            <p>The secret is shown only now. <a href="/integrations" id="webhook-done">Done</a></p>
            """);
    }

    private static IResult Page(int status, string title, string body) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{title} · IntegrationHub</title></head>
        <body>
        <h1>{title}</h1>
        {body}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: status);
}
