namespace IntegrationHub.Data;

/// <summary>An applied migration's file changed. We refuse to start: the schema no longer matches what the code expects.</summary>
public sealed class MigrationChecksumException(IReadOnlyList<string> changed)
    : Exception($"Refusing to start: applied migration(s) {string.Join(", ", changed)} changed after they ran. Add a new migration instead of editing an applied one.")
{
    public IReadOnlyList<string> Changed { get; } = changed;
}
