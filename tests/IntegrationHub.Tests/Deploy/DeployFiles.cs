namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// Where the deployment files are: the repository root is the folder above the test binary holding IntegrationHub.sln,
/// as the architecture tests find it; when that file is a link (a run with its own artifacts folder links the solution
/// and src there), the folder it points into.
/// </summary>
internal static class DeployFiles
{
    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var solution = new FileInfo(System.IO.Path.Combine(dir.FullName, "IntegrationHub.sln"));
            if (!solution.Exists)
            {
                continue;
            }

            var target = solution.ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? dir.FullName : System.IO.Path.GetDirectoryName(target.FullName)!;
        }

        throw new DirectoryNotFoundException("no folder above the test binary holds IntegrationHub.sln");
    }
}
