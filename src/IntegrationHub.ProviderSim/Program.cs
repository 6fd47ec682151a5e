namespace IntegrationHub.ProviderSim;

// An explicit entry point: the web SDK makes a top-level Program public, which would clash with the hub's own
// Program in test projects that reference both.
internal static class SimulatorProgram
{
    public static void Main(string[] args) => SimulatorApp.Build(args).Run();
}
