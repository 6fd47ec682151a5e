using IntegrationHub.Addresses;
using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.Outbound;

/// <summary>
/// Checks what a tenant typed: the URL through the address guard, kinds against <see cref="EventKind"/>, repositories
/// against the tenant's own (another tenant's id reads "unknown repository", the same as one that never existed).
/// </summary>
public sealed class SubscriptionValidator(TargetUrlGuard urls, NpgsqlDataSource data)
{
    public const int MaxDescription = 500;

    /// <summary>The normalized values of the given fields, and errors by field (empty when all is well).</summary>
    public async Task<(SubscriptionInput Clean, Dictionary<string, string[]> Errors)> CheckAsync(Guid tenantId, SubscriptionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        string? url = null;
        if (input.Url is not null)
        {
            var (checkedUrl, error) = await urls.CheckAsync(input.Url, ct);
            if (error is not null)
            {
                errors["url"] = [error];
            }

            url = checkedUrl?.AbsoluteUri;
        }

        List<string>? kinds = null;
        if (input.Kinds is not null)
        {
            kinds = [];
            foreach (string kind in input.Kinds.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (Enum.TryParse<EventKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _))
                {
                    kinds.Add(parsed.ToString());
                }
                else
                {
                    errors["kinds"] = [$"Unknown kind '{Shorten(kind)}'. Kinds are: {string.Join(", ", Enum.GetNames<EventKind>())}."];
                }
            }
        }

        List<Guid>? repositories = null;
        if (input.Repositories is not null)
        {
            repositories = [.. input.Repositories.Distinct()];
            if (repositories.Count > 0 && await CountOwnAsync(tenantId, repositories, ct) != repositories.Count)
            {
                errors["repositories"] = ["unknown repository"];
            }
        }

        string? description = input.Description?.Trim();
        if (description is { Length: > MaxDescription })
        {
            errors["description"] = [$"The description must be at most {MaxDescription} characters."];
        }

        return (new SubscriptionInput(url, kinds, repositories, description, input.Enabled), errors);
    }

    private async Task<int> CountOwnAsync(Guid tenantId, List<Guid> ids, CancellationToken ct)
    {
        await using var cmd = data.CreateCommand("SELECT count(*) FROM repositories WHERE tenant_id = $1 AND id = ANY($2)");
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = ids.ToArray() });
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
