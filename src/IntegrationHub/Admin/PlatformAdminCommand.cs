using IntegrationHub.Audit;
using IntegrationHub.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Admin;

/// <summary>
/// <c>IntegrationHub.Web --grant-platform-admin EMAIL</c> and <c>--revoke-platform-admin EMAIL</c>: who administers the
/// platform is the operator's decision, made from the command line of a host that reaches the database, never from a
/// page (a page that grants admin is one more thing to attack). The person signs up first; the change takes effect on
/// their next request (the admin flag is read from the database on each). Revoking the last administrator is refused, so
/// the admin pages and the jobs dashboard always have someone. Refusals are one plain line and exit code 2.
/// </summary>
public static class PlatformAdminCommand
{
    public const string GrantFlag = "--grant-platform-admin";
    public const string RevokeFlag = "--revoke-platform-admin";
    private const int Refused = 2;

    /// <summary>Null when <paramref name="args"/> asks for neither; otherwise the exit code, after doing it.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args, string host, TextWriter output, TextWriter error,
        CancellationToken ct)
    {
        int at = Array.FindIndex(args, a => a is GrantFlag or RevokeFlag);
        if (at < 0)
        {
            return null;
        }

        bool grant = args[at] == GrantFlag;
        string verb = grant ? "grant" : "revoke";
        if (at + 1 >= args.Length || !args[at + 1].Contains('@', StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"{host} {args[at]} needs the person's e-mail address, as in: {args[at]} alice@example.com");
            return Refused;
        }

        string email = args[at + 1];
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var db = scope.ServiceProvider.GetRequiredService<HubDb>();
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            await error.WriteLineAsync($"{host} cannot {verb} platform administration: no account has the e-mail address {email} (the person signs up first). Nothing was changed.");
            return Refused;
        }

        if (user.IsPlatformAdmin == grant)
        {
            await output.WriteLineAsync(grant ? $"{email} is already a platform administrator." : $"{email} is not a platform administrator.");
            return 0;
        }

        // The administrators' rows stay locked until the commit, so two revokes at once cannot each leave the other as
        // the last one and together remove both.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var admins = await db.Users.FromSqlRaw("SELECT * FROM users WHERE is_platform_admin FOR UPDATE").Select(u => u.Id).ToListAsync(ct);
        if (!grant && !admins.Any(id => id != user.Id))
        {
            await error.WriteLineAsync($"{host} cannot revoke platform administration from {email}: it would leave no platform administrator (grant another first). Nothing was changed.");
            return Refused;
        }

        user.IsPlatformAdmin = grant;
        scope.ServiceProvider.GetRequiredService<AuditLog>().Record(grant ? "platform_admin.granted" : "platform_admin.revoked", tenantId: null,
            target: email, actor: $"command line ({host})", actorUserId: null);
        await db.SaveChangesAsync(ct); // the user row and the audit entry together
        await tx.CommitAsync(ct);
        await output.WriteLineAsync(grant ? $"{email} is now a platform administrator." : $"{email} is no longer a platform administrator.");
        return 0;
    }
}
