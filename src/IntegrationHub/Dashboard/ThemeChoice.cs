using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Dashboard;

/// <summary>
/// Light or dark, kept in a cookie so a full page load (static account pages, OAuth returns) keeps the choice; read
/// by App while prerendering and handed to the interactive root as a parameter (a circuit has no cookies).
/// </summary>
public static class ThemeChoice
{
    public const string Cookie = "ihub.theme";
    public const string Dark = "dark";
    public const string Light = "light";

    public static bool IsDark(HttpContext? http) => http?.Request.Cookies[Cookie] == Dark;

    public static void Save(HttpContext http, bool dark) => http.Response.Cookies.Append(Cookie, dark ? Dark : Light, new CookieOptions
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        MaxAge = TimeSpan.FromDays(365),
        IsEssential = true, // a display preference, no tracking
    });
}
