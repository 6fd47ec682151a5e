using IntegrationHub.Data;
using IntegrationHub.Live;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IntegrationHub.Repositories.Pages;

/// <summary>The connection panel's state and actions (markup in ConnectionPanel.razor).</summary>
public partial class ConnectionPanel
{
    /// <summary>The connection as the page loaded it; the panel follows it live from there.</summary>
    [Parameter, EditorRequired] public ConnectionSummary Connection { get; set; } = null!;

    [Parameter, EditorRequired] public HookCounts Counts { get; set; } = null!;

    [Parameter, EditorRequired] public IReadOnlyList<RepositoryRow> FailedHooks { get; set; } = [];

    private ConnectionPanelState state = null!;
    private LiveRefresh? live;
    private bool busy;
    private int reverts;

    private ConnectionSummary C => state.Connection;

    private HookCounts H => state.Counts;

    private bool CanChange => Scope.IsOwner;

    [Inject] private HookCreationPace Pace { get; set; } = null!;

    /// <summary>"Registering webhooks: 420 left, about 6 min (GitHub allows 80 a minute)"; no estimate for unpaced providers.</summary>
    private string PaceText()
    {
        string left = $"Registering webhooks: {H.Pending} left";
        if (Pace.AllowanceFor(C.Provider) is not { } allowance)
        {
            return left;
        }

        var about = allowance.Estimate(H.Pending);
        string time = about.TotalHours >= 1 ? $"{(int)about.TotalHours} h {about.Minutes} min" : $"{Math.Max(1, about.Minutes)} min";
        return $"{left}, about {time} ({allowance.ProviderName} allows {allowance.ProviderPerMinute} a minute)";
    }

    protected override void OnParametersSet()
    {
        // The page's values are the start (and the whole story while prerendering); a reload of the page for the same
        // connection does not overwrite what the live panel read since.
        if (state is null || state.Connection.Id != Connection.Id)
        {
            state = new ConnectionPanelState(Connection, Counts, FailedHooks);
        }

        if (RendererInfo.IsInteractive && live is null && Scope.TenantId is { } tenant)
        {
            live = Live.Watch(tenant, [LiveTopics.Connections, LiveTopics.Hooks], () => InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            }));
            live.CatchUp(); // the counts handed in were read before this subscription
        }
    }

    private async Task ReloadAsync()
    {
        Guid id = state.Connection.Id;
        if (await Work.RunAsync<ConnectionPanelQuery, ConnectionPanelState?>(q => q.LoadAsync(id, CancellationToken.None)) is { } fresh
            && fresh.Connection.Id == state.Connection.Id)
        {
            state = fresh;
        }
    }

    private Task RefreshAsync() => ActAsync(a => a.RefreshAsync(C.Id, CancellationToken.None));

    private Task RetryFailedAsync() => ActAsync(a => a.RetryFailedAsync(C.Id, CancellationToken.None));

    private async Task SetWatchModeAsync(string mode)
    {
        if (mode == C.WatchMode)
        {
            return;
        }

        if (mode == WatchModes.Selected && !await ConfirmAsync("Watch selected repositories only?",
                "Repositories added later are not watched, and no webhook is registered for them. The ones watched now stay watched until you unwatch them.",
                "Watch selected only"))
        {
            return;
        }

        await ActAsync(a => a.SetWatchModeAsync(C.Id, mode, CancellationToken.None));
    }

    private async Task SetSyncModeAsync(string mode)
    {
        if (mode == C.SyncMode)
        {
            return;
        }

        if (mode == SyncModes.PollOnly && !await ConfirmAsync("Keep in sync by the poll only?",
                $"The hub removes the {H.Registered} webhook(s) it registered for this connection. Changes then arrive by the 60-second poll, up to a minute late.",
                "Remove the webhooks"))
        {
            return;
        }

        await ActAsync(a => a.SetSyncModeAsync(C.Id, mode, CancellationToken.None));
    }

    private async Task<bool> ConfirmAsync(string title, string message, string yes)
    {
        bool confirmed = await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;
        if (!confirmed)
        {
            reverts++; // the radio group shows the mode in force again
        }

        return confirmed;
    }

    /// <summary>Runs one of <see cref="RepositoryActions"/> in its own scope; the outcome is a snackbar, the panel reads the connection again.</summary>
    private async Task ActAsync(Func<RepositoryActions, Task<string?>> action)
    {
        busy = true;
        try
        {
            var (done, notice) = await Work.AsOwnerAsync(Snackbar, action);
            if (done)
            {
                Snackbar.Add(notice ?? "This connection is no longer there.", notice is null ? Severity.Warning : Severity.Success);
            }
            else
            {
                reverts++; // refused: the radio group shows the mode in force again
            }
        }
        finally
        {
            busy = false;
        }

        await ReloadAsync();
    }

    private static Color StatusColor(string status) => status switch
    {
        "done" => Color.Success,
        "failed" => Color.Error,
        _ => Color.Warning,
    };

    public void Dispose() => live?.Dispose();
}
