namespace IntegrationHub.Data;

/// <summary>
/// A tenant's outbound webhook endpoint. Its fan-out cursor (cursor_tx, cursor_id) is not mapped here: only the fan-out
/// loop reads and moves it, in SQL, in the transaction that inserts the deliveries it covers.
/// </summary>
public sealed class Subscription : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public required string Url { get; set; }

    /// <summary>EventKind names; empty means every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>The tenant's repository ids; empty means every repository.</summary>
    public List<Guid> RepositoryIds { get; set; } = [];

    public string? Description { get; set; }
    public required string SecretProtected { get; set; }
    public string? PreviousSecretProtected { get; set; }
    public DateTimeOffset? PreviousValidUntil { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Why the hub disabled it (the tenant's notice); null when enabled or disabled by a person.</summary>
    public string? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When the current run of failed attempts began; a success clears it.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The latest failure of the current run (to within a minute): a gap longer than the retry schedule's ends the run.</summary>
    public DateTimeOffset? LastFailureAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
