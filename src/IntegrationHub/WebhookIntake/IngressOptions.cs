namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Settings under "Hub:Ingest:Ingress" (environment: Hub__Ingest__Ingress__Name): how much the webhook ingress takes before it
/// answers 429, how long it remembers unknown hook ids, how many hooks it keeps in memory and for how long, how often it
/// writes its rejection counts. Listed in the README.
/// </summary>
public sealed class IngressOptions
{
    public const string Section = "Hub:Ingest:Ingress";

    /// <summary>
    /// Deliveries one hook may post at once before its rate applies (token bucket size). A mass merge or a CI matrix sends
    /// hundreds to one hook within seconds; the bucket takes such a burst whole. 0: no per-hook limit.
    /// </summary>
    public int HookBurst { get; set; } = 1000;

    /// <summary>Sustained deliveries per minute one hook may post (the bucket's refill). 0: no per-hook limit.</summary>
    public int HookPerMinute { get; set; } = 1200;

    /// <summary>
    /// Rejected requests (unknown hook, failed verification, oversized) one source address may make at once before every
    /// request from it is answered 429. Accepted deliveries never spend it: all of a provider's tenants share its few
    /// egress addresses. 0: no per-address limit.
    /// </summary>
    public int AddressRejectionBurst { get; set; } = 300;

    /// <summary>Sustained rejected requests per minute one source address may make (the bucket's refill). 0: no per-address limit.</summary>
    public int AddressRejectionsPerMinute { get; set; } = 60;

    /// <summary>Addresses or CIDR ranges never throttled per address (e.g. a provider's published webhook ranges).</summary>
    public List<string> TrustedAddresses { get; set; } = [];

    /// <summary>
    /// How long an address that delivered a verified delivery to a hook stays vouched for that hook (sliding): never refused
    /// there, and its rejections there spend nothing. 0: nobody is vouched.
    /// </summary>
    public int VouchedSenderHours { get; set; } = 24;

    /// <summary>At most this many (address, hook) pairs are vouched for at once.</summary>
    public int VouchedSenderEntries { get; set; } = 200_000;

    /// <summary>How long an unknown hook id is remembered, so repeating it costs no database read.</summary>
    public int UnknownHookCacheSeconds { get; set; } = 60;

    /// <summary>At most this many unknown hook ids are remembered (bounded memory whatever an attacker sprays).</summary>
    public int UnknownHookCacheEntries { get; set; } = 100_000;

    /// <summary>
    /// At most this many hooks are kept in memory per web node (<see cref="HookDirectory"/>); when full, further hooks are
    /// read per delivery as before until kept ones expire. 0: every delivery reads its hook.
    /// </summary>
    public int HookDirectoryEntries { get; set; } = 250_000;

    /// <summary>
    /// How long a kept hook is used before it is read again, whatever the change notes say: the bound on staleness if a
    /// note were ever missed. Changes are normally seen at once, through the notes. 0: every delivery reads its hook.
    /// </summary>
    public int HookDirectorySeconds { get; set; } = 300;

    /// <summary>How often rejection counts kept in memory are added to delivery_rejections (and the hooks' counters).</summary>
    public int RejectionFlushSeconds { get; set; } = 10;

    /// <summary>
    /// At most this many verified deliveries are committed in one transaction (group commit). Larger batches take more of a
    /// burst per WAL flush; each request still waits only for the commit that holds it.
    /// </summary>
    public int CommitBatchSize { get; set; } = 128;

    /// <summary>
    /// Batches being written at once per web node (each one database connection). One is the default: while it commits,
    /// the next batch fills, and larger batches cost the database less per delivery. In the ingest benchmark on 2 cores
    /// one writer stored more a second, with a lower p99, than two, three, four or eight. More help only a database whose
    /// commits are slow (a long network round trip or fsync) behind a node taking more than a batch per commit.
    /// </summary>
    public int CommitWriters { get; set; } = 1;
}
