namespace IntegrationHub.Providers.Events;

/// <summary>The final outcome of a pipeline run or commit status, folded over the providers' many spellings.</summary>
public enum PipelineOutcome
{
    /// <summary>Passed (GitHub <c>success</c>, GitLab <c>success</c>, Bitbucket <c>SUCCESSFUL</c>, Azure <c>succeeded</c>).</summary>
    Success,
    /// <summary>Failed, errored, timed out or only partially succeeded.</summary>
    Failed,
    /// <summary>Canceled or stopped before it finished.</summary>
    Canceled,
}
