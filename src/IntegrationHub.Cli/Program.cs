using IntegrationHub.Cli;

// ihub: operator tools. `ihub normalize` explains a webhook delivery; see CliApp for the commands.
return CliApp.Run(
    args,
    Console.IsInputRedirected ? Console.OpenStandardInput() : null,
    Console.Out,
    Console.Error,
    TimeProvider.System);
