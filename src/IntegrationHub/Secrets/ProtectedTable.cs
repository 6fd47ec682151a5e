namespace IntegrationHub.Secrets;

/// <summary>A table's protected columns (its rows keyed by a uuid <c>id</c>) and the purpose they are encrypted under.</summary>
internal sealed record ProtectedTable(string Table, string[] Columns)
{
    public string Purpose { get; init; } = SecretPurposes.General;
}
