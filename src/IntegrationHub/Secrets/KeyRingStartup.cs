using IntegrationHub.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IntegrationHub.Secrets;

/// <summary>
/// The key-ring part of a host's start, after migration: outside Development a host refuses to run without a protector,
/// with unusable protector settings, or over a key ring it could not open or that still holds unsealed keys; and
/// <c>--reprotect-secrets</c> runs the re-protect command instead of the host (refused while worker nodes still beat).
/// Failures are one plain line and exit 2.
/// </summary>
internal static class KeyRingStartup
{
    public const string ReprotectFlag = "--reprotect-secrets";

    internal static readonly string NoProtector =
        "no key-ring protector is set, so the Data Protection key ring would sit unencrypted in PostgreSQL beside the secrets it protects. "
        + $"Set {KeyRingSettings.Env(KeyRingSettings.Key)} to a base64 256-bit key (`openssl rand -base64 32`), "
        + $"or {KeyRingSettings.Env(KeyRingSettings.KeyFile)} to a file holding one, or {KeyRingSettings.Env(KeyRingSettings.Certificate)} to a PFX.";

    /// <summary>
    /// Null when the host may go on serving; otherwise the exit code, with the line (or the command's report) written.
    /// A worker that beat within <paramref name="workerStaleAfter"/> counts as running (the host passes Hub:Worker's setting).
    /// </summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args, string hostName, TimeSpan workerStaleAfter, CancellationToken ct)
    {
        var protection = services.GetRequiredService<KeyRingProtection>();
        bool development = services.GetRequiredService<IHostEnvironment>().IsDevelopment();
        bool reprotect = args.Contains(ReprotectFlag);
        string? problem = protection.Problem
            ?? (!protection.IsSet && (!development || reprotect) ? NoProtector : null)
            ?? (protection.IsSet && !development && !reprotect ? RingProblem(services.GetRequiredService<PostgresXmlRepository>(), protection) : null);
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"{hostName} cannot start: {problem}".AsMemory(), ct);
            return MigratorStartup.CannotStartExitCode;
        }

        if (!reprotect)
        {
            return null;
        }

        try
        {
            if (await RunningNodes.ProblemAsync(services.GetRequiredService<NpgsqlDataSource>(), workerStaleAfter, services.GetRequiredService<TimeProvider>(), ct) is { } running)
            {
                throw new KeyRingException(running);
            }

            var report = await services.GetRequiredService<KeyRingReprotector>().RunAsync(ct);
            foreach (string line in report.Lines())
            {
                await Console.Out.WriteLineAsync(line.AsMemory(), ct);
            }

            return 0;
        }
        catch (Exception e) when (e is KeyRingException || MigratorStartup.Explain(e) is not null)
        {
            await Console.Error.WriteLineAsync($"{hostName} cannot re-protect secrets: {(e as KeyRingException)?.Message ?? MigratorStartup.Explain(e)}".AsMemory(), ct);
            return MigratorStartup.CannotStartExitCode;
        }
    }

    // Keys this node cannot open would make it mint a new key and fail every secret stored under them; keys stored
    // unsealed (from before a protector was set) would stay in every future dump until re-protected.
    private static string? RingProblem(PostgresXmlRepository repository, KeyRingProtection protection)
    {
        var keys = repository.GetAllElements().Where(KeyRingXml.IsKey).ToList();
        var foreign = keys.SelectMany(KeyRingXml.SealedParts).Where(p => !protection.CanOpen(p)).Select(KeyRingProtection.SealOf).Distinct().ToList();
        if (foreign.Count > 0)
        {
            return $"the key ring holds keys sealed with {string.Join(", ", foreign)}, which this node was not given. "
                + $"Give it to this node, or run once with {ReprotectFlag} and it set as {KeyRingSettings.Env(KeyRingSettings.PreviousKey)} "
                + $"(or {KeyRingSettings.Env(KeyRingSettings.PreviousKeyFile)}, {KeyRingSettings.Env(KeyRingSettings.PreviousCertificate)}).";
        }

        int unsealed = keys.Count(KeyRingXml.HasPlaintextSecret);
        return unsealed > 0
            ? $"the key ring holds {unsealed} key(s) stored unencrypted from before a protector was set. "
                + $"Run this host once with {ReprotectFlag} to seal them with {protection.Describe()} and re-encrypt the stored secrets under a fresh key."
            : null;
    }
}
