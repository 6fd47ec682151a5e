using IntegrationHub.Benchmarks.Dashboards;
using IntegrationHub.Benchmarks.Discovery;
using IntegrationHub.Benchmarks.Fanout;
using IntegrationHub.Benchmarks.Ingest;
using IntegrationHub.Benchmarks.Ingress;
using IntegrationHub.Benchmarks.Mention;
using IntegrationHub.Benchmarks.Poll;
using IntegrationHub.Benchmarks.Repositories;

// One console project for the hub's benchmarks: the first argument names one, the rest are its options.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["dashboards"] = DashboardsBenchmark.RunAsync,
    ["discovery"] = DiscoveryBenchmark.RunAsync,
    ["fanout"] = FanoutBenchmark.RunAsync,
    ["ingest"] = IngestBenchmark.RunAsync,
    ["ingress"] = IngressBenchmark.RunAsync,
    ["mention"] = MentionBenchmark.RunAsync,
    ["poll"] = PollBenchmark.RunAsync,
    ["repositories"] = RepositoriesBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: IntegrationHub.Benchmarks <{string.Join("|", benchmarks.Keys)}> [options]");
    Console.Error.WriteLine("  dashboards [--pages 50] [--rate 10] [--seconds 60] [--idle-seconds 15]");
    Console.Error.WriteLine("  discovery [--repos 10000] [--workers 1] [--provider github] [--connection-string <PostgreSQL>]");
    Console.Error.WriteLine("  fanout [--events 20000] [--subscriptions 10] [--trickle-rate 20] [--trickle-seconds 15] [--connection-string <PostgreSQL>]");
    Console.Error.WriteLine("  ingest [--seconds 10] [--concurrency 32] [--hooks 16]");
    Console.Error.WriteLine("  ingress [--seconds 10] [--concurrency 16] [--slow-uploads 200]");
    Console.Error.WriteLine("  mention [--rounds 20]");
    Console.Error.WriteLine("  repositories [--repos 10000] [--other-tenants 2] [--rounds 20]");
    Console.Error.WriteLine("  poll [--provider github|gitlab|bitbucket|bitbucket-dc|azure-devops] [--repos 2000] [--connections 20] [--cycle-seconds 60] [--latency-ms 75] [--nodes 1,2] [--secondary-limits on|off] [--connection-string <PostgreSQL>]");
    return 2;
}

return await run(args[1..]);
