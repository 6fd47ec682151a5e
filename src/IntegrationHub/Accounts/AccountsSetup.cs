using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Accounts;

/// <summary>The account service, its throttle and the sign-in and sign-up settings.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SignInOptions>(configuration.GetSection(SignInOptions.Section));
        services.Configure<SignUpOptions>(configuration.GetSection(SignUpOptions.Section));
        // Identity's own lockout counts failures in the database, so it holds across web nodes where the in-memory
        // throttle counts per node; ten in a row lock the account for this long (a success resets the count).
        services.AddOptions<IdentityOptions>().Configure<IOptions<SignInOptions>>((o, signIn) =>
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(Math.Max(1, signIn.Value.LockoutMinutes)));
        services.AddSingleton<AccountThrottle>();
        services.AddScoped<AccountService>();
        services.AddScoped<InvitationAcceptor>();
        return services;
    }
}
