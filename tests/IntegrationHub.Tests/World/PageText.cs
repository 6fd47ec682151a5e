using System.Net;
using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.World;

/// <summary>Reads what a person sees on a rendered page, whatever classes and attributes the components put around it.</summary>
public static partial class PageText
{
    /// <summary>The text of the page's first heading (its title: the tenant's name on the home page).</summary>
    public static string H1(string html) =>
        H1Pattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim() : "";

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1Pattern();
}
