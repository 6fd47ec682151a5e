using IntegrationHub.Secrets;

namespace IntegrationHub.Local;

/// <summary>
/// The single-machine default's key-ring protector: a key-encryption key generated once into the data folder, readable
/// by its owner only, and reused on every later run (the key ring in PostgreSQL is sealed with it).
/// </summary>
internal static class LocalKeyRing
{
    public const string FileName = "keyring.key";

    /// <summary>The key file's path, created with mode 600 when missing.</summary>
    public static string EnsureKeyFile(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        string path = Path.Combine(dataDir, FileName);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created owner-only, never widened afterwards: no moment where another user could read it.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.WriteLine(KeyEncryptionKey.NewBase64());
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by an earlier run (or a concurrent one): that key seals the existing key ring, so keep it.
        }

        return path;
    }
}
