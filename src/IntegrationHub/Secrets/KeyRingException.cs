namespace IntegrationHub.Secrets;

/// <summary>
/// A key-ring problem an operator can fix (no protector, an unreadable key file, a key sealed with a key this node was
/// not given). The message is the one line a host prints before it exits with code 2: it says what to set.
/// </summary>
internal sealed class KeyRingException(string message) : Exception(message);
