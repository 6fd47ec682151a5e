using Hangfire.Dashboard;
using IntegrationHub.Transport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Jobs;

/// <summary>
/// /admin/jobs for platform administrators only. The admin flag is re-read from the database on every request, as the
/// admin pages do (the host's policy <paramref name="policy"/>, which reads what the tenant-scope middleware loaded for
/// this request), so taking the flag away takes the dashboard away at once. Hangfire answers a refusal with 401 when
/// nobody is signed in and 403 otherwise.
/// </summary>
internal sealed class AdminDashboardAuthorization(string policy) : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        ContentSecurityPolicy.AllowDataImagesAndFonts(http); // the dashboard's own pages (see there why)
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, http, policy)).Succeeded;
    }
}
