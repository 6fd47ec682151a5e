using System.Text;

namespace IntegrationHub.Accounts;

internal static class SlugMaker
{
    public static string From(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        string slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "tenant" : slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }
}
