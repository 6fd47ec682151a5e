using IntegrationHub.Dashboard;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IntegrationHub.Repositories.Pages;

/// <summary>
/// The grid's state is <see cref="Address"/>: filters come from the page's address, and every page the grid loads (a
/// pager click, a sort) is told back through <see cref="AddressChanged"/>, so the address always says what is shown.
/// </summary>
public sealed partial class RepositoryGrid
{
    private MudDataGrid<RepositoryListItem>? grid;
    private HashSet<RepositoryListItem> selected = new(RepositoryItemById.Instance);
    private int currentPage;
    private int rowsPerPage = RepositoryListAddress.DefaultSize;
    private int total;
    private bool loaded;
    private bool busy;
    private string? nameText;
    private RepositoryListAddress? shown;
    private RepositoryListAddress current = null!;

    [Inject] private PageWork Work { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Parameter, EditorRequired] public ConnectionSummary Connection { get; set; } = null!;
    [Parameter, EditorRequired] public RepositoryListAddress Address { get; set; } = null!;
    [Parameter] public EventCallback<RepositoryListAddress> AddressChanged { get; set; }

    /// <summary>Something changed the connection's counts (a watch, a retry): the page reloads its panel.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Parameter] public bool IsOwner { get; set; }

    private string WatchedWord => current.Filter.Watched switch { true => "true", false => "false", null => "" };

    protected override async Task OnParametersSetAsync()
    {
        if (shown is null)
        {
            // The first address sets the grid's page, size and name box; later ones come from the grid itself or its filters.
            current = shown = Address;
            currentPage = Address.Page - 1;
            rowsPerPage = Address.Size;
            nameText = Address.Filter.Name;
        }
        else if (Address != shown && Address.Filter != current.Filter)
        {
            // The address moved by itself (back or forward in the browser), not to what the grid last told: show what it says.
            shown = Address;
            nameText = Address.Filter.Name;
            await FilterAsync(Address.Filter);
        }
    }

    /// <summary>Reads the page again (a live change, an action's outcome), keeping the page, sort and selection.</summary>
    public Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task<GridData<RepositoryListItem>> LoadAsync(GridState<RepositoryListItem> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var address = current with
        {
            Sort = sort is null ? RepositorySort.Name : SortOf(sort.SortBy),
            Descending = sort?.Descending == true,
            Page = state.Page + 1,
            Size = state.PageSize,
        };
        var page = await Work.RunAsync<RepositoryQuery, RepositoryListPage>(q => q.ListAsync(address.Request(Connection.Id), ct));
        if (!loaded || total != page.Total)
        {
            // The count above the grid is this component's, not the grid's: a reload alone would leave it as it was.
            total = page.Total;
            loaded = true;
            StateHasChanged();
        }

        current = address;
        if (address != shown)
        {
            shown = address;
            await AddressChanged.InvokeAsync(address);
        }

        return new GridData<RepositoryListItem> { Items = page.Rows, TotalItems = page.Total };
    }

    private static RepositorySort SortOf(string column) => column switch
    {
        nameof(RepositoryListItem.HookState) => RepositorySort.HookState,
        nameof(RepositoryListItem.LastDeliveryAt) => RepositorySort.LastDelivery,
        nameof(RepositoryListItem.LastPolledAt) => RepositorySort.LastPolled,
        _ => RepositorySort.Name,
    };

    private SortDirection Initial(RepositorySort column) =>
        Address.Sort != column || (column == RepositorySort.Name && !Address.Descending) ? SortDirection.None
        : Address.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private Task NameChangedAsync(string? name)
    {
        nameText = name;
        return FilterAsync(current.Filter with { Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim() });
    }

    private Task HookChangedAsync(string? state) => FilterAsync(current.Filter with { HookState = Blank(state) });

    private Task PollChangedAsync(string? state) => FilterAsync(current.Filter with { PollState = Blank(state) });

    private Task WatchedChangedAsync(string? word) =>
        FilterAsync(current.Filter with { Watched = word switch { "true" => true, "false" => false, _ => null } });

    /// <summary>A new filter starts at its first page with nothing ticked (ticks on rows no longer shown would surprise).</summary>
    private async Task FilterAsync(RepositoryFilter filter)
    {
        if (filter == current.Filter)
        {
            return;
        }

        selected = new HashSet<RepositoryListItem>(RepositoryItemById.Instance);
        current = current with { Filter = filter, Page = 1 };
        if (grid is null)
        {
            return;
        }

        if (grid.CurrentPage != 0)
        {
            grid.NavigateTo(MudBlazor.Page.First); // loads the first page with the new filter
        }
        else
        {
            await grid.ReloadServerData();
        }
    }

    private async Task BulkAsync(bool watch, bool allMatching)
    {
        int count = allMatching ? total : selected.Count;
        if (!watch && await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
            {
                Title = $"Stop watching {count} {(count == 1 ? "repository" : "repositories")}?",
                Message = $"The hub removes the webhooks it registered on {(count == 1 ? "this repository" : $"these {count} repositories")} " +
                    "at the provider and stops polling them. Their events stop arriving until they are watched again.",
                YesText = "Unwatch",
                CancelText = "Cancel",
            }) != true)
        {
            return;
        }

        var request = new BulkWatchRequest(Connection.Id, watch, allMatching ? null : [.. selected.Select(r => r.Id)], current.Filter);
        if (await RunAsync(actions => actions.SetWatchedManyAsync(request, CancellationToken.None)) is { } done)
        {
            Snackbar.Add(done.Notice, Severity.Success);
            selected = new HashSet<RepositoryListItem>(RepositoryItemById.Instance);
            await ActionDoneAsync();
        }
    }

    private async Task ActionDoneAsync()
    {
        await ReloadAsync();
        await Changed.InvokeAsync();
    }

    /// <summary>An action through its service in a scope of its own; a refusal (not an owner, a bad filter) is a snackbar.</summary>
    private async Task<T?> RunAsync<T>(Func<RepositoryActions, Task<T?>> action) where T : class
    {
        busy = true;
        try
        {
            return await Work.RunAsync<RepositoryActions, T?>(action);
        }
        catch (Exception ex) when (ex is OwnerOnlyException or ArgumentException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return null;
        }
        finally
        {
            busy = false;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private string Ago(DateTimeOffset at)
    {
        var d = Clock.GetUtcNow() - at;
        return d.TotalSeconds < 90 ? $"{Math.Max(0, (int)d.TotalSeconds)} s ago" : d.TotalMinutes < 90 ? $"{(int)d.TotalMinutes} min ago" : $"{(int)d.TotalHours} h ago";
    }
}
