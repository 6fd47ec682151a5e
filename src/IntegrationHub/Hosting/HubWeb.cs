using IntegrationHub.Accounts;
using IntegrationHub.Actions;
using IntegrationHub.Admin;
using IntegrationHub.Api;
using IntegrationHub.Connect;
using IntegrationHub.Dashboard;
using IntegrationHub.Data;
using IntegrationHub.Feed;
using IntegrationHub.Health;
using IntegrationHub.Jobs;
using IntegrationHub.Keys;
using IntegrationHub.Live;
using IntegrationHub.Outbound;
using IntegrationHub.Repositories;
using IntegrationHub.Team;
using IntegrationHub.Telemetry;
using IntegrationHub.Tenancy;
using IntegrationHub.Transport;
using IntegrationHub.WebhookIntake;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace IntegrationHub.Hosting;

/// <summary>The web host: dashboard (Blazor Server with MudBlazor; account pages static), account endpoints, webhook ingress, health.</summary>
public static class HubWeb
{
    public static IHostApplicationBuilder AddHubWeb(this IHostApplicationBuilder builder)
    {
        builder.AddHubCore();
        builder.AddHubTelemetry("IntegrationHub.Web");
        var services = builder.Services;
        // Interactive server rendering for the app pages; sign-in, sign-up and every page whose form sets a cookie or
        // redirects to a provider opt out ([ExcludeFromInteractiveRouting]) and stay static, as in the Identity template.
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddScoped<CircuitTenantScope>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitTenantScope>());
        services.AddScoped<IAuthorizationHandler, ScopeRequirement.Handler>();
        services.AddScoped<PageWork>();
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddAntiforgery();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.Cookie.Name = "ihub.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // A signed-in user without the right gets a plain 403, not a redirect that hides why.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                bool ownerOnly = ctx.HttpContext.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.TenantOwner) == true;
                if (ownerOnly)
                {
                    return OwnerOnlyMiddleware.Forbid(ctx.HttpContext, OwnerOnly.Message);
                }

                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return ctx.Response.WriteAsync("403 Forbidden: this page is for platform administrators.");
            };
        });
        services.AddIdentityCore<HubUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is fine without digits or symbols.
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<Data.HubDb>()
            .AddSignInManager();
        services.AddHttpContextAccessor();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PlatformAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(s => s.IsPlatformAdmin)))
            .AddPolicy(Policies.TenantOwner, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(s => s.IsOwner)));
        services.AddAccounts(builder.Configuration);
        services.AddTransport(builder.Configuration);
        services.AddIngestIngress(builder.Configuration);
        services.AddHubApi(builder.Configuration);
        services.AddActions();
        services.AddTeam();
        return builder;
    }

    public static WebApplication MapHubWeb(this WebApplication app)
    {
        app.UseTransport(); // first: forwarded client address and scheme, Secure cookies, HSTS, CSP
        app.UseWebhookIngress(); // deliveries branch off here: none of the dashboard's middleware below applies to them
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        // After routing (implicit) and any forwarded-headers step, so endpoint policies apply and see the client's address.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<TenantScopeMiddleware>();
        app.UseMiddleware<OwnerOnlyMiddleware>(); // an owner-only service refusing a member answers 403, not 500
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapThemeChoice();
        app.MapConnect();
        app.MapAdmin();
        app.MapHealth();
        app.MapHubMetrics();
        app.MapIngest();
        app.MapRepositories();
        app.MapTeam();
        app.MapKeys();
        app.MapWebhookForms();
        // Hangfire's dashboard for operators; platform administrators only (Jobs/AdminDashboardAuthorization).
        app.MapHubJobsDashboard("/admin/jobs", Policies.PlatformAdmin);
        var api = app.MapApiV1();
        api.MapConnectionsApi();
        api.MapRepositoriesApi();
        api.MapEventsApi();
        api.MapActionsApi();
        api.MapSubscriptionsApi();
        return app;
    }
}
