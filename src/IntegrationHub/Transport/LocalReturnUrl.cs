namespace IntegrationHub.Transport;

/// <summary>
/// Where to send a user after sign-in. Only a path on this site is accepted, by the same rules as ASP.NET Core's
/// <c>IUrlHelper.IsLocalUrl</c>: browsers read "//host" and "/\host" as another site, and some strip control
/// characters before reading, so an open redirect hides in each of them.
/// </summary>
internal static class LocalReturnUrl
{
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false; // empty, absolute ("https://…"), scheme-relative without a slash, or relative to the page
        }

        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }

        foreach (char c in url)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
