namespace IntegrationHub.Team;

/// <summary>How a change to the members list ended; the page turns it into words.</summary>
public enum MemberChange
{
    Done,

    /// <summary>No such member or pending invitation in the current tenant (another tenant's ids land here).</summary>
    NotFound,

    /// <summary>The change would leave the tenant without an owner.</summary>
    LastOwner,

    UnknownRole,
}
