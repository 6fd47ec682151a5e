namespace IntegrationHub.Secrets;

/// <summary>What the re-protect command did, in counts and ids only: never a key or a secret.</summary>
internal sealed record ReprotectReport(
    string Protector,
    int KeysAlreadySealed,
    IReadOnlyDictionary<string, int> KeysResealedFrom,
    Guid? FreshKey,
    IReadOnlyList<(string Column, int Count)> Secrets)
{
    public int KeysResealed => KeysResealedFrom.Values.Sum();

    public IEnumerable<string> Lines()
    {
        if (KeysResealed == 0)
        {
            yield return $"Key ring: all {KeysAlreadySealed} key(s) already sealed by {Protector}; nothing to re-protect or re-encrypt.";
            yield break;
        }

        string from = string.Join(", ", KeysResealedFrom.Select(kv => $"{kv.Value} from {kv.Key}"));
        yield return $"Key ring: {KeysResealed} key(s) re-sealed by {Protector} ({from}) and revoked; {KeysAlreadySealed} already sealed by it; fresh key {FreshKey} added.";
        yield return $"Secrets re-encrypted under the fresh key: {Secrets.Sum(s => s.Count)} "
            + $"({string.Join(", ", Secrets.Select(s => $"{s.Column} {s.Count}"))}).";
        yield return "Sign-ins made before now have ended (their keys are revoked). Start web and worker nodes with this protector.";
    }
}
